package org.flowmeter.output.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.flowmeter.feature.Column;
import org.flowmeter.feature.RowWriter;
import org.flowmeter.flow.Flow;
import org.flowmeter.output.RowSchema;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Writing a Parquet file starts none of Hadoop's configuration machinery (its Configuration
 * reads Hadoop's default XML settings on first use, which took most of a small file's time).
 * Checked in a fresh JVM, whose class loading log names every class it loaded.
 */
class WithoutHadoopTest {
    @TempDir
    Path dir;

    /** Writes three rows to the file named by the first argument, with the codec named by the second. */
    public static void main(String[] args) throws IOException {
        RowSchema schema = new RowSchema() {
            @Override
            public List<Column> columns() {
                return List.of(Column.string("name"), Column.integer("count"), Column.real("ratio"), Column.timestamp("at"));
            }

            @Override
            public void write(Flow flow, RowWriter out) {
                out.string("x");
                out.integer(1);
                out.real(Double.NaN);
                out.timestamp(1_795_722_270_095_740_123L);
            }
        };
        try (ParquetFlowWriter writer = new ParquetFlowWriter(Path.of(args[0]), schema, CompressionCodecName.valueOf(args[1]))) {
            for (int i = 0; i < 3; i++) {
                writer.write(null);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"SNAPPY", "GZIP"})
    void writingLoadsNoHadoopConfigurationNorItsXmlParser(CompressionCodecName codec) throws Exception {
        Path file = dir.resolve("rows.parquet");
        Path log = dir.resolve("classes.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load:file=" + log, "-cp", System.getProperty("java.class.path"),
                WithoutHadoopTest.class.getName(), file.toString(), codec.name())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        assertThat(ParquetRows.read(file)).hasSize(3);
        List<String> loaded = Files.readAllLines(log);
        assertThat(loaded).as("the log lists the writer").anyMatch(l -> l.contains(" org.apache.parquet.hadoop.ParquetWriter "));
        assertThat(loaded).noneMatch(l -> l.contains(" org.apache.hadoop.conf.Configuration "))
                .noneMatch(l -> l.contains(" org.apache.hadoop.fs.FileSystem "))
                .noneMatch(l -> l.contains(" com.ctc.wstx."))
                .noneMatch(l -> l.contains(" org.apache.hadoop.io.compress."));
    }
}
