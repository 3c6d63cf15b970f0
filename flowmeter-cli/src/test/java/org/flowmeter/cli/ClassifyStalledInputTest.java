package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With scoring on its own thread, the verdict row of a flow that ended still reaches the file
 * while the input stalls (stdin left open), as extract's rows do: the pending events are handed
 * over after a bounded number of packets, not only when a batch of them is full.
 */
class ClassifyStalledInputTest {
    @TempDir
    Path dir;

    @Test
    void theRowOfAnEndedFlowIsWrittenWhileStdinStaysOpen() throws Exception {
        Path out = dir.resolve("verdicts.csv");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "classify", "-", "-o", out.toString(), "--no-detectors", "--threads", "AFTER_METERING"));
        Process p = new ProcessBuilder(command).redirectError(dir.resolve("err.txt").toFile()).start();
        try (OutputStream stdin = p.getOutputStream()) {
            SynFlood.writeOneEndedFlow(stdin);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines(out) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        List<String> rows = Files.readAllLines(out);
        assertThat(rows).as(Files.readString(dir.resolve("err.txt"))).hasSize(2);
        assertThat(rows.get(1)).startsWith(SynFlood.source(0) + "--192.168.0.1--TCP--1024--80,");
        assertThat(rows.get(1)).contains(",idle,");
    }

    private static long lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }
}
