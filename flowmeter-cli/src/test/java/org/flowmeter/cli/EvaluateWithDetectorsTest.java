package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * evaluate measures what classify flags: the model and the cross-flow detectors. scan_lo.pcap
 * (fixtures/captures/README.md): 127.0.0.2 sends 20 probes to closed ports and fetches a page once
 * (21 flows), 127.0.0.3 fetches the page twice (2 flows). With a model that flags nothing, every
 * flagged flow is the scan detector's: all 21 of the scanner's, as classify writes them.
 */
class EvaluateWithDetectorsTest {
    @TempDir
    Path dir;

    private JsonNode evaluate(String... options) throws IOException {
        Path metrics = dir.resolve("m.json");
        String[] base = {"evaluate", "--model", TestModels.flagsNothing(dir).toString(),
                "--malicious-host", "127.0.0.2", "--metrics-json", metrics.toString()};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base),
                java.util.stream.Stream.concat(java.util.Arrays.stream(options),
                        java.util.stream.Stream.of(CliRun.REPO.resolve("fixtures/captures/scan_lo.pcap").toString())))
                .toArray(String[]::new);
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JsonMapper.builder().build().readTree(metrics.toFile());
    }

    @Test
    void theScanDetectorsVerdictsCountAsClassifyWritesThem() throws IOException {
        JsonNode m = evaluate();
        assertThat(m.get("tp").asInt()).isEqualTo(21);
        assertThat(m.get("fn").asInt()).isZero();
        assertThat(m.get("fp").asInt()).isZero();
        assertThat(m.get("tn").asInt()).isEqualTo(2);
    }

    @Test
    void withoutDetectorsTheModelAloneDecides() throws IOException {
        JsonNode m = evaluate("--no-detectors");
        assertThat(m.get("tp").asInt()).isZero();
        assertThat(m.get("fn").asInt()).isEqualTo(21);
        assertThat(m.get("tn").asInt()).isEqualTo(2);
    }
}
