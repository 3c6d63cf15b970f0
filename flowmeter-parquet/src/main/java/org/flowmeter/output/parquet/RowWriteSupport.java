package org.flowmeter.output.parquet;

import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.flowmeter.feature.Column;
import org.flowmeter.feature.RowWriter;
import org.flowmeter.flow.Flow;
import org.flowmeter.output.RowSchema;
import org.flowmeter.output.Timestamps;

/** Feeds each flow's row straight from {@link RowWriter} calls into Parquet's record consumer. */
final class RowWriteSupport extends WriteSupport<Flow> implements RowWriter {
    private final RowSchema schema;
    private final MessageType messageType;
    private final String[] names;
    private RecordConsumer record;
    private int field;

    RowWriteSupport(RowSchema schema) {
        this.schema = schema;
        List<Column> columns = schema.columns();
        this.messageType = ParquetColumns.messageType(columns);
        this.names = columns.stream().map(Column::name).toArray(String[]::new);
    }

    MessageType messageType() {
        return messageType;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(messageType, Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(messageType, Map.of());
    }

    @Override
    public String getName() {
        return "flowmeter";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.record = recordConsumer;
    }

    @Override
    public void write(Flow flow) {
        record.startMessage();
        field = 0;
        schema.write(flow, this);
        if (field != names.length) {
            throw new IllegalStateException("row has " + field + " values for " + names.length + " columns");
        }
        record.endMessage();
    }

    @Override
    public void string(String value) {
        record.startField(names[field], field);
        record.addBinary(Binary.fromString(value));
        record.endField(names[field], field);
        field++;
    }

    @Override
    public void integer(long value) {
        record.startField(names[field], field);
        record.addLong(value);
        record.endField(names[field], field);
        field++;
    }

    @Override
    public void timestamp(long epochNanos) {
        integer(Timestamps.epochMicros(epochNanos));
    }

    @Override
    public void real(double value) {
        if (Double.isFinite(value)) { // a null is a field that is not written
            record.startField(names[field], field);
            record.addDouble(value);
            record.endField(names[field], field);
        }
        field++;
    }
}
