package org.flowmeter.feature;

/**
 * One output column: its name as written in headers, its type, and the direction in which a
 * larger value is known to move suspicion ({@link Direction#NONE} unless set).
 */
public record Column(String name, ColumnType type, Direction direction) {

    public Column {
        if (direction == null) {
            throw new IllegalArgumentException("direction of column " + name + " is null");
        }
    }

    public Column(String name, ColumnType type) {
        this(name, type, Direction.NONE);
    }

    public static Column string(String name) {
        return new Column(name, ColumnType.STRING);
    }

    public static Column integer(String name) {
        return new Column(name, ColumnType.LONG);
    }

    public static Column real(String name) {
        return new Column(name, ColumnType.DOUBLE);
    }

    /** This column, marked as one whose larger values can only raise suspicion. */
    public Column raisesSuspicion() {
        return new Column(name, type, Direction.RAISES_SUSPICION);
    }

    public boolean raisesSuspicionOnly() {
        return direction == Direction.RAISES_SUSPICION;
    }
}
