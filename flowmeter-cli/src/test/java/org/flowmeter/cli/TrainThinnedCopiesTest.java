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
 * {@code train --thinned-copies}: thinned readings of the captures are fitted on where their
 * flows are, never scored. With as many copies as parts, the parts together hold every flow once,
 * so each training flow has exactly one copy and no test flow's copy is fitted on.
 */
class TrainThinnedCopiesTest {
    @TempDir
    Path dir;

    private CliRun train(String... extra) {
        String[] base = {"train", "-o", dir.resolve("m.json").toString(), "--folds", "2", "--cs", "1",
                "--penalties", "l2", "--intercept", "true", "--class-weights", "1:1", "--no-balanced",
                "--threshold-for-fpr", "0.1", "--metrics-json", dir.resolve("metrics.json").toString(),
                "--benign", fixture("http_small.pcap"), fixture("http_small.pcapng"), fixture("http_small_ns.pcap"),
                fixture("two_iface.pcapng"), fixture("bench_small.pcap"),
                "--malicious", fixture("udp_ping.pcap"), fixture("sll_any.pcap"), fixture("mixed_big_endian.pcap")};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void everyTrainingFlowGetsItsOneCopyWhenAllPartsAreRead() throws IOException {
        CliRun run = train("--thinned-copies", "4", "--thinning", "4", "--split-by", "input");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode meta = model().get("metadata");
        int flows = meta.get("flows").asInt();
        int trainFlows = meta.get("trainFlows").asInt();
        assertThat(run.err()).contains(flows + " flows in 4 thinned readings (one flow in 4), 0 without their flow");
        assertThat(meta.get("trainCopyFlows").asInt()).isEqualTo(trainFlows);
        assertThat(meta.get("trainingRows").asInt()).isEqualTo(2 * trainFlows);
        assertThat(run.err()).contains(trainFlows + " thinned copies of training flows fitted on ("
                + (flows - trainFlows) + " of test flows left out)");

        // copies are fitted on, never scored: out-of-fold and test figures count the flows themselves
        JsonNode m = metrics();
        assertThat(m.get("cv_out_of_fold").get("flows").asInt()).isEqualTo(trainFlows);
        assertThat(m.get("test").get("flows").asInt()).isEqualTo(flows - trainFlows);
    }

    @Test
    void withoutCopiesTheModelRecordsNone() throws IOException {
        CliRun run = train();
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode meta = model().get("metadata");
        assertThat(meta.get("thinnedCopies").asInt()).isZero();
        assertThat(meta.get("trainingRows").asInt()).isEqualTo(meta.get("trainFlows").asInt());
        assertThat(run.err()).doesNotContain("thinned");
    }

    @Test
    void moreCopiesThanPartsIsAUsageError() {
        CliRun run = train("--thinned-copies", "5", "--thinning", "4");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--thinned-copies must be within 0..4");
    }

    private JsonNode model() throws IOException {
        return JsonMapper.builder().build().readTree(dir.resolve("m.json").toFile());
    }

    private JsonNode metrics() throws IOException {
        return JsonMapper.builder().build().readTree(dir.resolve("metrics.json").toFile());
    }
}
