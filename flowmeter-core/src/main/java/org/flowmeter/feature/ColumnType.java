package org.flowmeter.feature;

/** How a column's values are typed in typed outputs (JSON, Parquet). */
public enum ColumnType {
    STRING, LONG, DOUBLE
}
