package org.flowmeter.feature;

/** How a column's values are typed in typed outputs (JSON, Parquet). */
public enum ColumnType {
    STRING, LONG, DOUBLE,
    /**
     * A point in time, handed over as nanoseconds since the Unix epoch: epoch seconds with six
     * decimals in CSV, ISO 8601 UTC in JSON, TIMESTAMP(MICROS, UTC) in Parquet.
     */
    TIMESTAMP
}
