package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code train --split-by input}: every input lands whole on one side. Eight fixture captures, five
 * labelled benign and three malicious as whole inputs (the labels only exercise the mechanics).
 */
class TrainSplitByInputTest {
    @TempDir
    Path dir;

    @Test
    void heldOutInputsAreWholeAndListedWithTheirErrors() throws IOException {
        Path metrics = dir.resolve("metrics.json");
        CliRun run = CliRun.of("train", "-o", dir.resolve("m.json").toString(), "--split-by", "input",
                "--folds", "2", "--cs", "1", "--penalties", "l2", "--intercept", "true", "--class-weights", "1:1",
                "--threshold-for-fpr", "0.1", "--metrics-json", metrics.toString(),
                "--benign", fixture("http_small.pcap"), fixture("http_small.pcapng"), fixture("http_small_ns.pcap"),
                fixture("two_iface.pcapng"), fixture("bench_small.pcap"),
                "--malicious", fixture("udp_ping.pcap"), fixture("sll_any.pcap"), fixture("mixed_big_endian.pcap"));
        assertThat(run.exitCode()).as(run.err()).isZero();

        JsonNode m = JsonMapper.builder().build().readTree(metrics.toFile());
        JsonNode model = JsonMapper.builder().build().readTree(dir.resolve("m.json").toFile());
        JsonNode inputs = model.get("metadata").get("inputs");
        assertThat(model.get("metadata").get("splitBy").asString()).isEqualTo("input");
        int testFlows = 0;
        boolean benignInTest = false;
        boolean maliciousInTest = false;
        for (JsonNode t : m.get("test_inputs")) {
            JsonNode whole = inputs.get(t.get("input").asString());
            // the input's every flow is in the test split
            assertThat(t.get("benign").asInt()).isEqualTo(whole.get("benign").asInt());
            assertThat(t.get("malicious").asInt()).isEqualTo(whole.get("malicious").asInt());
            testFlows += t.get("benign").asInt() + t.get("malicious").asInt();
            benignInTest |= t.get("benign").asInt() > 0;
            maliciousInTest |= t.get("malicious").asInt() > 0;
        }
        assertThat(testFlows).isEqualTo(m.get("test").get("flows").asInt());
        assertThat(benignInTest).isTrue();
        assertThat(maliciousInTest).isTrue();
        // at most round(0.3 * 5) = 2 benign and round(0.3 * 3) = 1 malicious inputs are held out
        assertThat(m.get("test_inputs").size()).isBetween(2, 3);

        // the out-of-fold scores the threshold was chosen on: every training row once, FPR within the bound
        JsonNode oof = m.get("cv_out_of_fold");
        assertThat(oof.get("flows").asInt()).isEqualTo(model.get("metadata").get("trainFlows").asInt());
        assertThat(oof.get("fpr").asDouble()).isLessThanOrEqualTo(0.1);
        assertThat(run.out()).contains("cross-validated scores of the training split");
    }

    @Test
    void tooFewInputsForTheFoldsIsAnInputError() {
        CliRun run = CliRun.of("train", "-o", dir.resolve("m.json").toString(), "--split-by", "input", "--folds", "3",
                "--benign", fixture("http_small.pcap"), fixture("bench_small.pcap"),
                "--malicious", fixture("udp_ping.pcap"), fixture("sll_any.pcap"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("of a split by input lacks").doesNotContain("Exception").doesNotContain("Usage:");
    }

    /** With a model that flags every flow, the benign input is the one with errors: its 8 flows (tshark). */
    @Test
    void evaluateListsTheInputsWithErrors() throws IOException {
        Path everything = TestModels.flagsEverything(dir);
        CliRun run = CliRun.of("evaluate", "--model", everything.toString(),
                "--benign", fixture("http_small.pcap"), "--malicious", fixture("udp_ping.pcap"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("inputs with the most errors:")
                .containsPattern("0/0 +malicious missed +8/8 +benign flagged  .*http_small.pcap")
                .doesNotContain("udp_ping.pcap");
    }
}
