package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code train --worst-source-fpr F --sources FILE}: fixture captures in two benign sources and one
 * attack family (the labels only exercise the mechanics).
 */
class TrainWorstSourceTest {
    @TempDir
    Path dir;

    @Test
    void theThresholdKeepsEveryLeftOutBenignSourceUnderTheTargetAndNeverFallsBelowThePooledOne() throws IOException {
        Path sources = dir.resolve("sources.csv");
        Files.writeString(sources, String.join("\n",
                "web," + fixture("http_small.pcap"), "web," + fixture("http_small.pcapng"), "web," + fixture("two_iface.pcapng"),
                "synthetic," + fixture("bench_small.pcap"),
                "flood," + fixture("udp_ping.pcap"), "flood," + fixture("sll_any.pcap"),
                "flood," + fixture("mixed_big_endian.pcap")) + "\n");
        Path metrics = dir.resolve("metrics.json");
        CliRun run = CliRun.of("train", "-o", dir.resolve("m.json").toString(), "--model-kind", "gbt", "--gbt-rounds", "10",
                "--split-by", "input", "--folds", "2", "--test-size", "0.01", "--threshold-for-fpr", "0.5",
                "--sources", sources.toString(), "--worst-source-fpr", "0.05", "--metrics-json", metrics.toString(),
                "--benign", fixture("http_small.pcap"), fixture("http_small.pcapng"), fixture("two_iface.pcapng"),
                fixture("bench_small.pcap"),
                "--malicious", fixture("udp_ping.pcap"), fixture("sll_any.pcap"), fixture("mixed_big_endian.pcap"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode m = JsonMapper.builder().build().readTree(metrics.toFile());
        double threshold = m.get("threshold").asDouble();
        assertThat(threshold).isGreaterThanOrEqualTo(m.get("pooled_threshold").asDouble());
        List<String> names = new ArrayList<>();
        for (JsonNode s : m.get("benign_sources")) {
            names.add(s.get("source").asString());
            assertThat(s.get("fpr").asDouble()).isLessThanOrEqualTo(0.05);
            assertThat(s.get("threshold").asDouble()).isLessThanOrEqualTo(threshold);
        }
        // Only the groups of benign flows are sources; the family's recall is reported at both thresholds.
        assertThat(names).containsExactlyInAnyOrder("web", "synthetic");
        assertThat(m.get("recall_by_group")).anySatisfy(g -> assertThat(g.get("group").asString()).isEqualTo("flood"));
        assertThat(run.out()).contains("benign sources left out in turn");
    }

    @Test
    void withoutSourcesItIsAUsageError() {
        CliRun run = CliRun.of("train", "-o", dir.resolve("m.json").toString(), "--model-kind", "gbt",
                "--worst-source-fpr", "0.01", "--benign", fixture("http_small.pcap"), "--malicious", fixture("udp_ping.pcap"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--worst-source-fpr needs --sources");
    }
}
