package org.flowmeter.output.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.flowmeter.feature.Column;
import org.flowmeter.feature.RowWriter;
import org.flowmeter.flow.Flow;
import org.flowmeter.output.RowSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParquetFlowWriterTest {
    private static final String[] TEXTS = {"", "plain", "with,comma", "quote\"d", "line\nbreak", "ünïcødé ✓", "fe80::1"};
    private static final double[] REALS = {0.0, -0.0, 1.5, -2.25e-300, Double.MAX_VALUE, Double.MIN_VALUE,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0 / 3};
    private static final long[] INTEGERS = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, 65535};

    @TempDir
    Path dir;

    /** Rows made from the row number alone; the flow handed over is not looked at. */
    private static final class CountingSchema implements RowSchema {
        private int row;

        @Override
        public List<Column> columns() {
            return List.of(Column.string("name"), Column.integer("count"), Column.real("ratio"), Column.integer("row"));
        }

        @Override
        public void write(Flow flow, RowWriter out) {
            out.string(text(row));
            out.integer(integer(row));
            out.real(real(row));
            out.integer(row);
            row++;
        }
    }

    private static String text(int row) {
        return TEXTS[row % TEXTS.length];
    }

    private static long integer(int row) {
        return INTEGERS[row % INTEGERS.length] + (row % 2 == 0 ? 0 : row % 1000);
    }

    private static double real(int row) {
        return REALS[row % REALS.length] * (row % 3 == 0 ? 1 : row);
    }

    private Path write(int rows) throws IOException {
        return write(rows, Compression.codec());
    }

    private Path write(int rows, CompressionCodecName compression) throws IOException {
        Path file = dir.resolve("rows.parquet");
        try (ParquetFlowWriter writer = new ParquetFlowWriter(file, new CountingSchema(), compression)) {
            for (int i = 0; i < rows; i++) {
                writer.write(null);
            }
            assertThat(writer.rows()).isEqualTo(rows);
        }
        return file;
    }

    @Test
    void columnsAreTypedFromTheRowSchema() throws IOException {
        MessageType schema = ParquetRows.footer(write(3)).getFileMetaData().getSchema();
        assertThat(schema.getFields()).extracting(t -> t.getName()).containsExactly("name", "count", "ratio", "row");
        PrimitiveType name = schema.getType("name").asPrimitiveType();
        assertThat(name.getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.BINARY);
        assertThat(name.getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
        assertThat(name.getRepetition()).isEqualTo(Repetition.REQUIRED);
        assertThat(schema.getType("count").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT64);
        assertThat(schema.getType("count").getRepetition()).isEqualTo(Repetition.REQUIRED);
        assertThat(schema.getType("ratio").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.DOUBLE);
        assertThat(schema.getType("ratio").getRepetition()).isEqualTo(Repetition.OPTIONAL);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"SNAPPY", "GZIP", "UNCOMPRESSED"})
    void valuesReadBackExactlyAndNonFiniteRealsAreNull(CompressionCodecName compression) throws IOException {
        int rows = 50_000;
        List<Group> read = ParquetRows.read(write(rows, compression));
        assertThat(read).hasSize(rows);
        for (int i = 0; i < rows; i++) {
            Group g = read.get(i);
            assertThat(g.getLong("row", 0)).isEqualTo(i);
            assertThat(g.getString("name", 0)).isEqualTo(text(i));
            assertThat(g.getLong("count", 0)).isEqualTo(integer(i));
            double expected = real(i);
            if (Double.isFinite(expected)) {
                assertThat(g.getFieldRepetitionCount("ratio")).isEqualTo(1);
                assertThat(Double.doubleToRawLongBits(g.getDouble("ratio", 0)))
                        .as("row %d", i).isEqualTo(Double.doubleToRawLongBits(expected));
            } else {
                assertThat(g.getFieldRepetitionCount("ratio")).as("row %d", i).isZero();
            }
        }
    }

    @Test
    void snappyLoadsHereAndCompressesEveryColumnChunk() throws IOException {
        assertThat(Compression.codec()).isEqualTo(CompressionCodecName.SNAPPY);
        ParquetMetadata footer = ParquetRows.footer(write(1000));
        for (BlockMetaData block : footer.getBlocks()) {
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                assertThat(chunk.getCodec()).isEqualTo(CompressionCodecName.SNAPPY);
            }
        }
    }

    @Test
    void anEmptyTableStillHasItsColumns() throws IOException {
        Path file = write(0);
        assertThat(ParquetRows.read(file)).isEmpty();
        List<ColumnDescriptor> columns = ParquetRows.footer(file).getFileMetaData().getSchema().getColumns();
        assertThat(columns).hasSize(4);
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path file = dir.resolve("rows.parquet");
        Files.writeString(file, "not parquet");
        assertThat(ParquetRows.read(write(7))).hasSize(7);
    }
}
