package org.flowmeter.cli;

import org.flowmeter.engine.VerdictColumns;
import org.flowmeter.output.parquet.ParquetRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.flowmeter.feature.Column;
import org.flowmeter.feature.ColumnType;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.output.FlowColumns;
import org.flowmeter.output.NamingScheme;
import org.flowmeter.output.RowSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --format parquet} holds what CSV holds, typed; CSV keeps 12 significant digits of reals. */
class ParquetOutputTest {
    private static final double CSV_RELATIVE_PRECISION = 1e-11;

    @TempDir
    Path dir;

    private Path run(String command, String format, String... more) {
        Path out = dir.resolve(command + "." + format);
        List<String> args = new ArrayList<>(List.of(command, "--format", format, "-o", out.toString()));
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"http_small.pcap", "udp_ping.pcap"})
    void extractWritesTheCsvValuesWithTypedColumns(String capture) throws IOException {
        Path csv = run("extract", "csv", fixture(capture));
        Path parquet = run("extract", "parquet", fixture(capture));
        RowSchema schema = new FlowColumns(FeatureSets.parse("deepfence"));
        int rows = assertSameTable(csv, parquet, schema.columns());
        assertThat(rows).isEqualTo(capture.startsWith("http") ? 8 : 4);
    }

    /** Every feature set, CIC's identifiers included, titled as by default; times as typed timestamps. */
    @Test
    void everyFeatureSetHasTheCsvTypesAndTimesAreMicrosecondTimestamps() throws IOException {
        Path csv = run("extract", "csv", fixture("tunnels.pcap"), "--features", "all");
        Path parquet = run("extract", "parquet", fixture("tunnels.pcap"), "--features", "all");
        RowSchema schema = NamingScheme.flowmeter.titled(new FlowColumns(FeatureSets.parse("all"), true));
        assertThat(schema.columns()).extracting(Column::type).contains(ColumnType.TIMESTAMP, ColumnType.LONG);
        assertThat(assertSameTable(csv, parquet, schema.columns())).isPositive();
    }

    @Test
    void classifyVerdictsTooWithNullForNoEarlyScore() throws IOException {
        String model = TestModels.flagsEverything(dir).toString();
        String[] options = {fixture("http_small.pcap"), "--model", model, "--all-columns", "--early-after", "1000", "-q"};
        Path csv = run("classify", "csv", options);
        Path parquet = run("classify", "parquet", options);
        assertThat(Files.readAllLines(csv).get(1)).as("no flow reaches 1000 packets: empty early score").contains(",,");
        RowSchema schema = new VerdictColumns(FeatureSets.parse("deepfence"), true);
        assertThat(assertSameTable(csv, parquet, schema.columns())).isEqualTo(8);
    }

    @Test
    void stdoutIsAUsageError() {
        for (String command : List.of("extract", "classify")) {
            CliRun implicit = CliRun.of(command, fixture("udp_ping.pcap"), "--format", "parquet");
            assertThat(implicit.exitCode()).isEqualTo(2);
            assertThat(implicit.err()).contains("--format parquet cannot be written to stdout");
            assertThat(CliRun.of(command, fixture("udp_ping.pcap"), "--format", "parquet", "-o", "-").exitCode())
                    .isEqualTo(2);
        }
    }

    /** Asserts equal tables and returns the number of rows. */
    private static int assertSameTable(Path csv, Path parquet, List<Column> columns) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] names = lines.get(0).split(",");
        MessageType schema = ParquetRows.footer(parquet).getFileMetaData().getSchema();
        assertThat(schema.getFields()).extracting(Type::getName).containsExactly(names);
        assertThat(columns).extracting(Column::name).containsExactly(names);
        for (Column c : columns) {
            assertType(schema.getType(c.name()).asPrimitiveType(), c);
        }
        List<Group> rows = ParquetRows.read(parquet);
        assertThat(rows).hasSize(lines.size() - 1);
        for (int r = 0; r < rows.size(); r++) {
            String[] values = lines.get(r + 1).split(",", -1);
            assertThat(values).hasSameSizeAs(names);
            for (int c = 0; c < names.length; c++) {
                assertValue(rows.get(r), columns.get(c), values[c]);
            }
        }
        return rows.size();
    }

    private static void assertType(PrimitiveType type, Column column) {
        switch (column.type()) {
            case STRING -> {
                assertThat(type.getPrimitiveTypeName()).as(column.name()).isEqualTo(PrimitiveTypeName.BINARY);
                assertThat(type.getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
                assertThat(type.isRepetition(Type.Repetition.REQUIRED)).isTrue();
            }
            case LONG -> {
                assertThat(type.getPrimitiveTypeName()).as(column.name()).isEqualTo(PrimitiveTypeName.INT64);
                assertThat(type.isRepetition(Type.Repetition.REQUIRED)).isTrue();
            }
            case DOUBLE -> {
                assertThat(type.getPrimitiveTypeName()).as(column.name()).isEqualTo(PrimitiveTypeName.DOUBLE);
                assertThat(type.isRepetition(Type.Repetition.OPTIONAL)).isTrue();
            }
            case TIMESTAMP -> {
                assertThat(type.getPrimitiveTypeName()).as(column.name()).isEqualTo(PrimitiveTypeName.INT64);
                assertThat(type.getLogicalTypeAnnotation()).as(column.name())
                        .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
                assertThat(type.isRepetition(Type.Repetition.REQUIRED)).isTrue();
            }
        }
    }

    private static void assertValue(Group row, Column column, String csv) {
        String name = column.name();
        switch (column.type()) {
            case STRING -> assertThat(row.getString(name, 0)).as(name).isEqualTo(csv);
            case LONG -> assertThat(row.getLong(name, 0)).as(name).isEqualTo(Long.parseLong(csv));
            // CSV: epoch seconds with six decimals; Parquet: microseconds since the epoch
            case TIMESTAMP -> assertThat(row.getLong(name, 0)).as(name)
                    .isEqualTo(new java.math.BigDecimal(csv).movePointRight(6).longValueExact());
            case DOUBLE -> {
                if (csv.isEmpty()) {
                    assertThat(row.getFieldRepetitionCount(name)).as(name + " is null").isZero();
                } else {
                    double expected = Double.parseDouble(csv);
                    assertThat(row.getDouble(name, 0)).as(name)
                            .isCloseTo(expected, within(Math.abs(expected) * CSV_RELATIVE_PRECISION));
                }
            }
        }
    }
}
