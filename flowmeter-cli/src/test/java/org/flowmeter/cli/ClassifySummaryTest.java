package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** classify's --summary-json: its fields, in their order, with the values of a run counted by hand. */
class ClassifySummaryTest {
    @TempDir
    Path dir;

    private static JsonNode read(Path file) {
        return JsonMapper.builder().build().readTree(file.toFile());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    @Test
    void withForwardEveryFieldInItsOrder() throws Exception {
        Path model = TestModels.flagsEverything(dir);
        Path summary = dir.resolve("s.json");
        CliRun run = CliRun.of("classify", fixture("http_small.pcap"), "--model", model.toString(), "--no-detectors",
                "-o", dir.resolve("v.csv").toString(), "--forward", dir.resolve("f.pcap").toString(),
                "--summary-json", summary.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = read(summary);
        assertThat(names(s)).containsExactly("model", "packets", "bytes", "flows", "flows_forwarded",
                "forwarded_flow_share", "decided_by", "flows_forwarded_after_their_row", "packets_forwarded",
                "bytes_forwarded", "forwarded_packet_share", "forwarded_byte_share",
                "packets_not_forwarded_other_link_type", "interrupted", "damaged_inputs", "complete",
                "inputs_without_flows");
        // http_small: 98 packets, 58,782 bytes on the wire in 8 flows (fixtures/golden/packets.csv).
        assertThat(s.get("model").asString()).isEqualTo(model.toString());
        assertThat(s.get("packets").asLong()).isEqualTo(98);
        assertThat(s.get("bytes").asLong()).isEqualTo(58782);
        assertThat(s.get("flows").asLong()).isEqualTo(8);
        assertThat(s.get("flows_forwarded").asLong()).isEqualTo(8);
        assertThat(s.get("forwarded_flow_share").asDouble()).isEqualTo(1.0);
        assertThat(names(s.get("decided_by"))).containsExactly("model");
        assertThat(s.get("decided_by").get("model").asLong()).isEqualTo(8);
        assertThat(s.get("flows_forwarded_after_their_row").asLong()).isZero();
        assertThat(s.get("packets_forwarded").asLong()).isEqualTo(98);
        assertThat(s.get("bytes_forwarded").asLong()).isEqualTo(58782);
        assertThat(s.get("forwarded_packet_share").asDouble()).isEqualTo(1.0);
        assertThat(s.get("forwarded_byte_share").asDouble()).isEqualTo(1.0);
        assertThat(s.get("packets_not_forwarded_other_link_type").asLong()).isZero();
        assertThat(s.get("interrupted").asBoolean()).isFalse();
        assertThat(s.get("damaged_inputs").isArray()).isTrue();
        assertThat(s.get("damaged_inputs").size()).isZero();
        assertThat(s.get("complete").asBoolean()).isTrue();
        assertThat(s.get("inputs_without_flows").size()).isZero();
        assertThat(run.err()).contains("8 of 8 flows malicious (100.00 %); forwarded 98 of 98 packets (100.00 %),"
                + " 58782 of 58782 bytes (100.00 %)");
    }

    @Test
    void withoutASecondPassItsCountsAreLeftOut() throws Exception {
        Path summary = dir.resolve("s.json");
        CliRun run = CliRun.of("classify", fixture("http_small.pcap"), "--model", TestModels.flagsNothing(dir).toString(),
                "-o", dir.resolve("v.csv").toString(), "--summary-json", summary.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = read(summary);
        assertThat(names(s)).containsExactly("model", "packets", "bytes", "flows", "flows_forwarded",
                "forwarded_flow_share", "decided_by", "interrupted", "damaged_inputs", "complete", "inputs_without_flows");
        assertThat(s.get("flows_forwarded").asLong()).isZero();
        assertThat(s.get("forwarded_flow_share").asDouble()).isEqualTo(0.0);
        assertThat(names(s.get("decided_by"))).isEmpty();
        assertThat(run.err()).contains("0 of 8 flows malicious (0.00 %)").doesNotContain("forwarded 0");
    }
}
