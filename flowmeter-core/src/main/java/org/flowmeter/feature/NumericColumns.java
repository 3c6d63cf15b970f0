package org.flowmeter.feature;

import java.util.List;

/** Writes a feature set's numeric values with the type each column declares. */
public final class NumericColumns {
    private NumericColumns() {
    }

    /** {@code values[i]} belongs to {@code columns.get(i)}; LONG columns are written as integers. */
    public static void write(List<Column> columns, double[] values, RowWriter out) {
        for (int i = 0; i < values.length; i++) {
            if (columns.get(i).type() == ColumnType.LONG) {
                out.integer((long) values[i]);
            } else {
                out.real(values[i]);
            }
        }
    }
}
