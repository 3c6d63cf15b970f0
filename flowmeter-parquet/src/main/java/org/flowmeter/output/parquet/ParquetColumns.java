package org.flowmeter.output.parquet;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.flowmeter.feature.Column;

/**
 * The Parquet schema of a flow table: strings are UTF-8 binaries, integers INT64, reals DOUBLE,
 * times INT64 microseconds annotated TIMESTAMP(MICROS, adjusted to UTC).
 * Every column is required except reals, which are optional so that non-finite values can be null
 * (as they are empty in CSV and null in JSON lines).
 */
final class ParquetColumns {
    static final String MESSAGE_NAME = "flow";

    private ParquetColumns() {
    }

    static MessageType messageType(List<Column> columns) {
        List<Type> fields = new ArrayList<>(columns.size());
        for (Column c : columns) {
            fields.add(field(c));
        }
        return new MessageType(MESSAGE_NAME, fields);
    }

    private static Type field(Column column) {
        return switch (column.type()) {
            case STRING -> Types.primitive(PrimitiveTypeName.BINARY, Repetition.REQUIRED)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(column.name());
            case LONG -> Types.primitive(PrimitiveTypeName.INT64, Repetition.REQUIRED).named(column.name());
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, Repetition.OPTIONAL).named(column.name());
            case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, Repetition.REQUIRED)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
                    .named(column.name());
        };
    }
}
