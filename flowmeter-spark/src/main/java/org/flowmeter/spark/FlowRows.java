package org.flowmeter.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.flowmeter.feature.Column;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.RowWriter;
import org.flowmeter.flow.Flow;
import org.flowmeter.output.FlowColumns;
import org.flowmeter.output.RowSchema;

/**
 * Turns flows into Spark rows with the columns of {@code flowmeter extract}. A non-finite real
 * becomes null, as the CSV writer leaves it empty.
 */
final class FlowRows implements RowWriter {
    private final RowSchema columns;
    private final Object[] values;
    private int next;

    FlowRows(List<FeatureSet> sets) {
        this(new FlowColumns(sets));
    }

    /** Rows of any schema (verdict rows, say). */
    FlowRows(RowSchema columns) {
        this.columns = columns;
        this.values = new Object[columns.columns().size()];
    }

    static StructType schema(List<FeatureSet> sets) {
        return schema(new FlowColumns(sets));
    }

    static StructType schema(RowSchema columns) {
        List<StructField> fields = new ArrayList<>();
        for (Column c : columns.columns()) {
            fields.add(DataTypes.createStructField(c.name(), sparkType(c), true));
        }
        return DataTypes.createStructType(fields);
    }

    private static DataType sparkType(Column c) {
        return switch (c.type()) {
            case STRING -> DataTypes.StringType;
            case LONG -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case TIMESTAMP -> DataTypes.TimestampType;
        };
    }

    Row toRow(Flow flow) {
        next = 0;
        columns.write(flow, this);
        return RowFactory.create(values.clone());
    }

    @Override
    public void string(String value) {
        values[next++] = value;
    }

    @Override
    public void integer(long value) {
        values[next++] = value;
    }

    @Override
    public void timestamp(long epochNanos) {
        java.sql.Timestamp t = new java.sql.Timestamp(Math.floorDiv(epochNanos, 1_000_000L));
        t.setNanos((int) Math.floorMod(epochNanos, 1_000_000_000L) / 1000 * 1000); // Spark keeps microseconds
        values[next++] = t;
    }

    @Override
    public void real(double value) {
        values[next++] = Double.isFinite(value) ? value : null;
    }
}
