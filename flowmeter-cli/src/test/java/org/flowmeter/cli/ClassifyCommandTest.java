package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.flowmeter.cli.CapturePackets.packetsAndBytes;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ClassifyCommandTest {
    private static final Path SHARED = CliRun.REPO.getParent().resolve("shared/data");

    @TempDir
    Path dir;

    /** Rows of a CSV file as maps from column name to value. */
    private static List<Map<String, String>> rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] names = lines.get(0).split(",");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                row.put(names[i], values[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** Packet count as tcpdump reads the file, or -1 when tcpdump is not installed. */
    private static long tcpdumpCount(Path capture) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/tcpdump")) && !Files.isExecutable(Path.of("/usr/sbin/tcpdump"))) {
            return -1;
        }
        Process p = new ProcessBuilder("tcpdump", "-n", "-r", capture.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long lines = new String(p.getInputStream().readAllBytes()).lines().count();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("tcpdump reads the forwarded file").isZero();
        return lines;
    }

    private void assertForwardedEqualsMaliciousFlows(Path verdicts, Path forwarded, Path summary) throws Exception {
        long packets = 0;
        long bytes = 0;
        long malicious = 0;
        for (Map<String, String> row : rows(verdicts)) {
            if (row.get("verdict").equals("malicious")) {
                malicious++;
                packets += Long.parseLong(row.get("packets"));
                bytes += Long.parseLong(row.get("bytes"));
            }
        }
        long[] read = packetsAndBytes(forwarded);
        assertThat(read[0]).isEqualTo(packets);
        assertThat(read[1]).isEqualTo(bytes);
        long tcpdump = tcpdumpCount(forwarded);
        if (tcpdump >= 0) {
            assertThat(tcpdump).isEqualTo(packets);
        }
        JsonNode s = JsonMapper.builder().build().readTree(summary.toFile());
        assertThat(s.get("flows_forwarded").asLong()).isEqualTo(malicious);
        assertThat(s.get("packets_forwarded").asLong()).isEqualTo(packets);
        assertThat(s.get("bytes_forwarded").asLong()).isEqualTo(bytes);
        assertThat(s.get("forwarded_packet_share").asDouble())
                .isEqualTo((double) packets / s.get("packets").asLong());
    }

    @Test
    void forwardedPcapHoldsExactlyThePacketsOfMaliciousFlowsOnTheLabMix() throws Exception {
        Path mix = SHARED.resolve("traffic-lab/mix_realistic.pcap");
        assumeThat(mix).exists();
        Path verdicts = dir.resolve("verdicts.csv");
        Path forwarded = dir.resolve("forwarded.pcap");
        Path summary = dir.resolve("summary.json");
        CliRun run = CliRun.of("classify", mix.toString(), "--model-deepfence", SHARED.resolve("deepfence-model").toString(),
                "-o", verdicts.toString(), "--forward", forwarded.toString(), "--summary-json", summary.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(rows(verdicts)).hasSize(601);
        assertForwardedEqualsMaliciousFlows(verdicts, forwarded, summary);
    }

    @Test
    void everythingOrNothingForwarded() throws Exception {
        Path capture = Path.of(fixture("http_small.pcap"));
        Path verdicts = dir.resolve("v.csv");
        Path forwarded = dir.resolve("f.pcap");
        Path summary = dir.resolve("s.json");
        Path perPacket = dir.resolve("p.csv");
        CliRun all = CliRun.of("classify", capture.toString(), "--model", TestModels.flagsEverything(dir).toString(),
                "-o", verdicts.toString(), "--forward", forwarded.toString(), "--summary-json", summary.toString(),
                "--packet-verdicts", perPacket.toString());
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertForwardedEqualsMaliciousFlows(verdicts, forwarded, summary);
        assertThat(packetsAndBytes(forwarded)).containsExactly(98, 58782); // fixtures/golden/packets.csv
        List<String> packetLines = Files.readAllLines(perPacket);
        assertThat(packetLines).hasSize(99).allMatch(l -> l.startsWith("packetIndex") || l.endsWith(",malicious"));

        CliRun none = CliRun.of("classify", capture.toString(), "--model", TestModels.flagsNothing(dir).toString(),
                "-o", verdicts.toString(), "--forward", forwarded.toString(), "--summary-json", summary.toString());
        assertThat(none.exitCode()).as(none.err()).isZero();
        assertThat(rows(verdicts)).hasSize(8).allMatch(r -> r.get("verdict").equals("benign"));
        assertForwardedEqualsMaliciousFlows(verdicts, forwarded, summary);
        assertThat(packetsAndBytes(forwarded)).containsExactly(0, 0);
    }

    @Test
    void earlyScoreAndFixedDecision() throws Exception {
        Path verdicts = dir.resolve("v.csv");
        CliRun run = CliRun.of("classify", fixture("http_small.pcap"), "--model", TestModels.flagsEverything(dir).toString(),
                "-o", verdicts.toString(), "--decide-after", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (Map<String, String> row : rows(verdicts)) {
            assertThat(row.get("verdictAtPacket")).isEqualTo("3");
            assertThat(row.get("earlyScore")).isNotEmpty();
        }
        CliRun late = CliRun.of("classify", fixture("http_small.pcap"), "--model", TestModels.flagsEverything(dir).toString(),
                "-o", verdicts.toString(), "--early-after", "100");
        assertThat(late.exitCode()).isZero();
        for (Map<String, String> row : rows(verdicts)) {
            assertThat(row.get("earlyScore")).as("no flow reaches 100 packets").isEmpty();
            assertThat(row.get("verdictAtPacket")).isEqualTo(row.get("packets"));
        }
    }

    @Test
    void forwardingFromStdinIsAUsageError() throws IOException {
        CliRun run = CliRun.of("classify", "-", "--forward", dir.resolve("f.pcap").toString(),
                "--model", TestModels.flagsNothing(dir).toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("give files, not stdin");
    }

    /** The bundled model uses six feature sets; --features may repeat them but not change them. */
    @Test
    void featuresOtherThanTheModelsAreAUsageError() {
        CliRun other = CliRun.of("classify", fixture("udp_ping.pcap"), "-o", dir.resolve("a.csv").toString(), "--features", "cic");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("--features: the model uses deepfence,cic,context,exchange,rtt,load;");
        CliRun same = CliRun.of("classify", fixture("udp_ping.pcap"), "-o", dir.resolve("b.csv").toString(), "-q",
                "--features", "deepfence,cic,context,exchange,rtt,load");
        assertThat(same.exitCode()).as(same.err()).isZero();
        CliRun evaluate = CliRun.of("evaluate", "--benign", fixture("udp_ping.pcap"), "--features", "deepfence");
        assertThat(evaluate.exitCode()).isEqualTo(2);
    }
}
