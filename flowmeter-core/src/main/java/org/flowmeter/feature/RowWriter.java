package org.flowmeter.feature;

/** Receives one row's values in column order. Implemented by every output format. */
public interface RowWriter {
    void string(String value);

    void integer(long value);

    void real(double value);

    /** A {@link ColumnType#TIMESTAMP} value; formats without a time type take the nanoseconds. */
    default void timestamp(long epochNanos) {
        integer(epochNanos);
    }
}
