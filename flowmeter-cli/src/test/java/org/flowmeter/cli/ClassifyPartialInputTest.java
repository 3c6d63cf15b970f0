package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CapturePackets.packets;
import static org.flowmeter.cli.CliRun.fixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** classify --forward on a damaged input: the packets read are forwarded and summarised, marked partial. */
class ClassifyPartialInputTest {
    @TempDir
    Path dir;

    @Test
    void aCutOffLastRecordStillGivesTheForwardFileAndTheSummaryOfWhatWasRead() throws Exception {
        // http_small.pcap holds 98 packets (fixtures/golden/packets.csv); cut 10 bytes off its last record:
        // tcpdump then reads 97 ("truncated dump file")
        byte[] whole = Files.readAllBytes(Path.of(fixture("http_small.pcap")));
        Path capture = dir.resolve("cut.pcap");
        Files.write(capture, Arrays.copyOf(whole, whole.length - 10));
        Path verdicts = dir.resolve("v.csv");
        Path forwarded = dir.resolve("f.pcap");
        Path summary = dir.resolve("s.json");
        Path perPacket = dir.resolve("p.csv");
        // results of an earlier run that must not survive
        Files.writeString(forwarded, "stale");
        Files.writeString(summary, "stale");

        CliRun run = CliRun.of("classify", capture.toString(), "--model", TestModels.flagsEverything(dir).toString(),
                "-o", verdicts.toString(), "--forward", forwarded.toString(), "--summary-json", summary.toString(),
                "--packet-verdicts", perPacket.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("flowmeter: " + capture + ": at byte ");
        long packetsRead = 97;
        assertThat(packets(forwarded)).isEqualTo(packetsRead);
        assertThat(Files.readAllLines(perPacket)).hasSize(98).allMatch(l -> l.startsWith("packetIndex") || l.endsWith(",malicious"));
        int packetsColumn = column(verdicts, "packets");
        long packetsInVerdicts = Files.readAllLines(verdicts).stream().skip(1)
                .mapToLong(l -> Long.parseLong(l.split(",")[packetsColumn])).sum();
        assertThat(packetsInVerdicts).isEqualTo(packetsRead);
        JsonNode s = JsonMapper.builder().build().readTree(summary.toFile());
        assertThat(s.get("packets").asLong()).isEqualTo(packetsRead);
        assertThat(s.get("packets_forwarded").asLong()).isEqualTo(packetsRead);
        assertThat(s.get("interrupted").asBoolean()).isFalse();
        assertThat(s.get("complete").asBoolean()).isFalse();
        assertThat(s.get("damaged_inputs")).hasSize(1);
        assertThat(s.get("damaged_inputs").get(0).asString()).startsWith(capture + ": at byte ");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
        }
    }

    @Test
    void aCaptureCutInItsFirstRecordNamesTheFileAndOffsetNotAnEmptyInput() throws Exception {
        // the 24-byte file header, the 16-byte header of the first record, 60 of its data bytes
        byte[] whole = Files.readAllBytes(Path.of(fixture("bench_small.pcap")));
        Path capture = dir.resolve("cut_first.pcap");
        Files.write(capture, Arrays.copyOf(whole, 100));
        CliRun run = CliRun.of("classify", capture.toString(), "-o", dir.resolve("v.csv").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cut_first.pcap: at byte 24: truncated record (60 of")
                .doesNotContain("no packets read");
    }

    @Test
    void aWholeInputIsMarkedComplete() throws Exception {
        Path summary = dir.resolve("s.json");
        CliRun run = CliRun.of("classify", fixture("http_small.pcap"), "--model", TestModels.flagsEverything(dir).toString(),
                "-o", dir.resolve("v.csv").toString(), "--forward", dir.resolve("f.pcap").toString(),
                "--summary-json", summary.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = JsonMapper.builder().build().readTree(summary.toFile());
        assertThat(s.get("complete").asBoolean()).isTrue();
        assertThat(s.get("damaged_inputs")).isEmpty();
        assertThat(s.get("packets_forwarded").asLong()).isEqualTo(98);
    }

    private static int column(Path csv, String name) throws Exception {
        return List.of(Files.readAllLines(csv).get(0).split(",")).indexOf(name);
    }
}
