package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CapturePackets.packets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** SIGTERM during classify's first pass: the forward pcap and summary cover the packets read, marked interrupted. */
class ClassifySignalTest {
    @TempDir
    Path dir;

    @Test
    void aSignalDuringTheFirstPassForwardsWhatWasReadAndSaysSo() throws Exception {
        Path capture = dir.resolve("flood.pcap");
        // 200,000 SYNs 200 us apart (40 s); with a 1 s TCP new timeout flows end, and rows appear, all along
        // (without detectors: their hold would keep every row of these 40 s for its 5-minute window)
        SynFlood.write(capture, 200_000, 200_000);
        Path verdicts = dir.resolve("v.csv");
        Path forwarded = dir.resolve("f.pcap");
        Path summary = dir.resolve("s.json");
        Files.writeString(forwarded, "stale");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "classify", capture.toString(), "--model", TestModels.flagsEverything(dir).toString(),
                "--tcp-new-timeout", "1s", "--no-detectors", "-o", verdicts.toString(), "--forward", forwarded.toString(),
                "--summary-json", summary.toString())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (lines(verdicts) < 2 && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(p.exitValue()).as(err).isEqualTo(143);
        JsonNode s = JsonMapper.builder().build().readTree(summary.toFile());
        long read = s.get("packets").asLong();
        assertThat(read).as("stopped before the end").isLessThan(200_000);
        assertThat(s.get("interrupted").asBoolean()).isTrue();
        assertThat(s.get("complete").asBoolean()).isFalse();
        // one packet per flow, every flow flagged: as many rows, and forwarded packets, as packets read
        assertThat(Files.readAllLines(verdicts)).hasSize((int) read + 1);
        assertThat(s.get("packets_forwarded").asLong()).isEqualTo(read);
        assertThat(packets(forwarded)).isEqualTo(read);
    }

    private static long lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }
}
