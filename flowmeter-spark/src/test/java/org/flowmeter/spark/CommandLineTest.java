package org.flowmeter.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.flowmeter.model.DeepfenceParams;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.model.ModelFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** extract, train and classify through the command line, on the test session. */
@Tag("e2e")
class CommandLineTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void startSpark() {
        TestSpark.session(); // the commands then reuse it
    }

    private static void run(String... args) {
        assertThat(new CommandLine(new FlowmeterSpark()).execute(args)).as(String.join(" ", args)).isZero();
    }

    @Test
    void extractTrainClassify() throws Exception {
        List<Path> pieces = CaptureFiles.split(CaptureFiles.BENCH_SMALL, new int[] {800, 1700},
                java.nio.file.Files.createDirectories(dir.resolve("in")));
        String csv = dir.resolve("flows.csv").toString();
        run("extract", "--input", dir.resolve("in").resolve("piece-*.pcap").toString(), "--output", csv,
                "--format", "csv");
        List<Row> flows = FlowTables.read(TestSpark.session(), csv, null).collectAsList();
        assertThat(pieces).hasSize(3);
        assertThat(flows).hasSize(179); // flowmeter extract of the whole capture writes 179 flows

        Path model = dir.resolve("model.json");
        // train reads the captures (each piece on its own, as flowmeter train reads its inputs).
        run("train", "--input", dir.resolve("in").resolve("piece-*.pcap").toString(), "--malicious-host",
                "203.0.113.0/24", "--cs", "1", "--folds", "2", "-o", model.toString());
        LogisticModel m = ModelFiles.read(model);
        assertThat(m.featureSet()).isEqualTo(DeepfenceParams.FEATURE_SET);
        assertThat(m.features()).containsExactlyElementsOf(DeepfenceParams.FEATURES);

        String verdicts = dir.resolve("verdicts").toString();
        run("classify", "--input", csv, "--model", model.toString(), "--output", verdicts);
        List<Row> rows = TestSpark.session().read().parquet(verdicts).collectAsList();
        assertThat(rows).hasSize(179);
        assertThat(rows).extracting(r -> r.<String>getAs("verdict")).containsOnly("malicious", "benign");
    }
}
