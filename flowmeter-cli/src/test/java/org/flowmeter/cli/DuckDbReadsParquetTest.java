package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.feature.Column;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.output.FlowColumns;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A reader that shares no code with Parquet's Java library sees the CSV's table with SQL types. */
class DuckDbReadsParquetTest {
    private static final double CSV_RELATIVE_PRECISION = 1e-11;

    @TempDir
    Path dir;

    private Path extract(String capture, String format) {
        Path out = dir.resolve("flows." + format);
        CliRun run = CliRun.of("extract", fixture(capture), "--format", format, "-o", out.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return out;
    }

    private static String sqlType(Column c) {
        return switch (c.type()) {
            case STRING -> "VARCHAR";
            case LONG -> "BIGINT";
            case DOUBLE -> "DOUBLE";
            case TIMESTAMP -> "TIMESTAMP WITH TIME ZONE";
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"http_small.pcap", "udp_ping.pcap"})
    void sameRowsNamesTypesAndValuesAsCsv(String capture) throws IOException, SQLException {
        List<String> csv = Files.readAllLines(extract(capture, "csv"));
        String parquet = extract(capture, "parquet").toString().replace("'", "''");
        List<Column> columns = new FlowColumns(FeatureSets.parse("deepfence")).columns();
        assertThat(columns).extracting(Column::name).containsExactly(csv.get(0).split(","));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement sql = db.createStatement()) {
            List<String> described = new ArrayList<>();
            try (ResultSet r = sql.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + parquet + "')")) {
                while (r.next()) {
                    described.add(r.getString("column_name") + " " + r.getString("column_type"));
                }
            }
            assertThat(described).containsExactlyElementsOf(columns.stream().map(c -> c.name() + " " + sqlType(c)).toList());
            int row = 0;
            try (ResultSet r = sql.executeQuery("SELECT * FROM read_parquet('" + parquet + "')")) {
                while (r.next()) {
                    row++;
                    String[] values = csv.get(row).split(",", -1);
                    for (int c = 0; c < columns.size(); c++) {
                        assertValue(r, c + 1, columns.get(c), values[c]);
                    }
                }
            }
            assertThat(row).isEqualTo(csv.size() - 1);
        }
    }

    private static void assertValue(ResultSet r, int index, Column column, String csv) throws SQLException {
        String name = column.name();
        switch (column.type()) {
            case STRING -> assertThat(r.getString(index)).as(name).isEqualTo(csv);
            case LONG -> assertThat(r.getLong(index)).as(name).isEqualTo(Long.parseLong(csv));
            case TIMESTAMP -> {
                // CSV has epoch seconds with six decimals; Parquet the same instant in microseconds.
                java.time.Instant t = r.getObject(index, java.time.OffsetDateTime.class).toInstant();
                String seconds = t.getEpochSecond() + "." + String.format("%06d", t.getNano() / 1000);
                assertThat(seconds).as(name).isEqualTo(csv);
            }
            case DOUBLE -> {
                double value = r.getDouble(index);
                if (csv.isEmpty()) {
                    assertThat(r.wasNull()).as(name + " is null").isTrue();
                } else {
                    double expected = Double.parseDouble(csv);
                    assertThat(value).as(name).isCloseTo(expected, within(Math.abs(expected) * CSV_RELATIVE_PRECISION));
                }
            }
        }
    }
}
