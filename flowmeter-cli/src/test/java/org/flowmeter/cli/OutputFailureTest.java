package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write is exit 1 with the reason; rows reach the file within seconds, before any kill -9. */
class OutputFailureTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    private ProcessBuilder flowmeter(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(JAVA, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    @Test
    void stdoutOnAFullDiskIsExitOneWithTheReason() throws Exception {
        Path capture = dir.resolve("flood.pcap");
        SynFlood.write(capture, 20_000, 1000); // more rows than the 1 MB output buffer holds
        Process p = flowmeter("extract", capture.toString(), "-o", "-")
                .redirectOutput(new File("/dev/full"))
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(p.exitValue()).as(err).isEqualTo(1);
        assertThat(err).contains("flowmeter: cannot write to standard output: No space left on device");
    }

    @Test
    void aFullDiskWithASmallOutputFailsAtClose() throws Exception {
        Process p = flowmeter("extract", CliRun.fixture("http_small.pcap"), "-o", "/dev/full")
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(p.exitValue()).as(err).isEqualTo(1);
        assertThat(err).contains("flowmeter: cannot write to /dev/full: No space left on device");
    }

    @Test
    void rowsOfEndedFlowsReachTheFileWhileTheInputIsStillOpenSoKillNineKeepsThem() throws Exception {
        Path out = dir.resolve("flows.csv");
        Process p = flowmeter("extract", "-", "-o", out.toString())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        try (OutputStream stdin = p.getOutputStream()) {
            SynFlood.writeOneEndedFlow(stdin);
            // stdin stays open; the first flow has ended and its row must reach the file without more input
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines(out) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            p.destroyForcibly(); // SIGKILL: nothing more is written
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        List<String> rows = Files.readAllLines(out);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).startsWith(SynFlood.source(0) + "--192.168.0.1--TCP--1024--80,");
        assertThat(MemoryCapCommandTest.endReason(rows.get(0), rows.get(1))).isEqualTo("idle");
    }

    private static long lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }
}
