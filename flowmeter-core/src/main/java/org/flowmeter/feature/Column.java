package org.flowmeter.feature;

/** One output column: its name as written in headers and its type. */
public record Column(String name, ColumnType type) {

    public static Column string(String name) {
        return new Column(name, ColumnType.STRING);
    }

    public static Column integer(String name) {
        return new Column(name, ColumnType.LONG);
    }

    public static Column real(String name) {
        return new Column(name, ColumnType.DOUBLE);
    }

    public static Column timestamp(String name) {
        return new Column(name, ColumnType.TIMESTAMP);
    }
}
