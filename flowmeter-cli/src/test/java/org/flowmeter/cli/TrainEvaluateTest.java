package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.model.ModelFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Training and evaluation on the synthetic benchmark fixture, labelling as malicious the 18
 * flows that touch 192.0.2.1 (counted with `flowmeter extract`); a small grid keeps it quick.
 */
class TrainEvaluateTest {
    private static final String HOST = "192.0.2.1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private Path model;

    @BeforeEach
    void train() throws IOException {
        model = dir.resolve("model.json");
        CliRun run = CliRun.of("train", fixture("bench_small.pcap"), "--malicious-host", HOST, "-o", model.toString(),
                "--folds", "3", "--cs", "0.5,1", "--penalties", "l2", "--intercept", "true",
                "--class-weights", "1:99", "--metrics-json", dir.resolve("train.json").toString(),
                "--export-deepfence", dir.resolve("deepfence").toString(), "--no-log-transform");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("bench_small.pcap: 161 benign, 18 malicious flows");
        assertThat(run.out()).contains("held-out test split:").contains("model written to");
    }

    private JsonNode evaluate(String... args) throws IOException {
        Path metrics = dir.resolve("eval.json");
        String[] all = new String[args.length + 3];
        all[0] = "evaluate";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--metrics-json";
        all[args.length + 2] = metrics.toString();
        CliRun run = CliRun.of(all);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(metrics.toFile());
    }

    @Test
    void modelFileRecordsItsTrainingAndLoads() throws IOException {
        LogisticModel m = ModelFiles.read(model);
        assertThat(m.featureSet()).isEqualTo("deepfence");
        assertThat(m.features()).hasSize(39);
        assertThat(m.metadata()).containsKeys("inputs", "flows", "trainFlows", "testFlows", "cvRocAucMean", "date", "test");
        assertThat(((Number) m.metadata().get("flows")).intValue()).isEqualTo(179);
        JsonNode train = JSON.readTree(dir.resolve("train.json").toFile());
        assertThat(train.get("grid")).hasSize(4); // C 0.5 and 1, each with weights 1:99 and the balanced ones
    }

    @Test
    void evaluateReportsEveryFieldAndAgreesOnCaptureAndFlowTable() throws IOException {
        JsonNode onCapture = evaluate("--model", model.toString(), "--malicious-host", HOST, fixture("bench_small.pcap"));
        for (String field : new String[] {"flows", "tp", "fp", "tn", "fn", "accuracy", "precision", "recall", "fpr", "f1",
            "roc_auc", "pr_auc", "forwarded_flow_share", "malicious_in_forwarded", "forwarded_packet_share",
            "forwarded_byte_share", "malicious_packet_share", "malicious_byte_share"}) {
            assertThat(onCapture.has(field)).as(field).isTrue();
        }
        assertThat(onCapture.get("flows").asLong()).isEqualTo(179);
        assertThat(onCapture.get("tp").asLong() + onCapture.get("fn").asLong()).isEqualTo(18);

        Path table = dir.resolve("flows.csv");
        assertThat(CliRun.of("extract", fixture("bench_small.pcap"), "-o", table.toString()).exitCode()).isZero();
        JsonNode onTable = evaluate("--model", model.toString(), "--malicious-host", HOST, table.toString());
        for (String field : new String[] {"flows", "tp", "fp", "tn", "fn"}) {
            assertThat(onTable.get(field).asLong()).as(field).isEqualTo(onCapture.get(field).asLong());
        }
        // Written features have 12 significant digits: scores, and so the AUC, agree closely.
        assertThat(onTable.get("roc_auc").asDouble()).isCloseTo(onCapture.get("roc_auc").asDouble(), within(1e-6));
        assertThat(onTable.get("forwarded_packet_share").asDouble())
                .isEqualTo(onCapture.get("forwarded_packet_share").asDouble());
    }

    @Test
    void deepfenceExportScoresLikeTheJsonModel() throws IOException {
        JsonNode json = evaluate("--model", model.toString(), "--malicious-host", HOST, fixture("bench_small.pcap"));
        JsonNode text = evaluate("--model-deepfence", dir.resolve("deepfence").toString(), "--malicious-host", HOST,
                fixture("bench_small.pcap"));
        assertThat(Files.readAllLines(dir.resolve("deepfence/weights.txt"))).hasSize(39);
        assertThat(text).isEqualTo(json);
    }

    @Test
    void labelsFileAndWholeInputLabels() throws IOException {
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, "file,ip,role,label\nx,192.0.2.1,attacker,malicious\nx,10.0.0.1,client,benign\n");
        JsonNode byFile = evaluate("--model", model.toString(), "--labels", labels.toString(), fixture("bench_small.pcap"));
        assertThat(byFile.get("tp").asLong() + byFile.get("fn").asLong()).isEqualTo(18);
        JsonNode whole = evaluate("--model", model.toString(), "--malicious", fixture("udp_ping.pcap"),
                "--benign", fixture("http_small.pcap"));
        assertThat(whole.get("tp").asLong() + whole.get("fn").asLong()).isEqualTo(4);
        assertThat(whole.get("tn").asLong() + whole.get("fp").asLong()).isEqualTo(8);
    }

    @Test
    void missingLabelsAndBadLabelFilesAreClearErrors() throws IOException {
        // No label source at all is a usage error; a label file that cannot be read is an input error.
        CliRun none = CliRun.of("evaluate", "--model", model.toString(), fixture("bench_small.pcap"));
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("INPUT needs labels");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "address,kind\n1.2.3.4,malicious\n");
        CliRun badFile = CliRun.of("evaluate", "--model", model.toString(), "--labels", bad.toString(), fixture("bench_small.pcap"));
        assertThat(badFile.exitCode()).isEqualTo(1);
        assertThat(badFile.err()).contains("needs the columns ip and label");
    }
}
