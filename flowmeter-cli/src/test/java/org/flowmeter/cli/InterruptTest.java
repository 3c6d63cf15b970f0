package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A signal while the input is still open: every flow in memory is written before exit. */
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    void sigtermWritesEveryFlowInMemory() throws Exception {
        Path out = dir.resolve("flows.csv");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "extract", "-", "-o", out.toString(), "--progress")
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(Files.readAllBytes(CliRun.FIXTURES.resolve("http_small.pcap")));
            stdin.flush();
            // stdin stays open: the tool waits for more packets, all 8 flows are still in memory.
            // The progress bar appears once the run has taken over signals; a signal before that
            // would end the JVM the ordinary way, however slow the machine is to get there.
            awaitText(dir.resolve("err.txt"), "reading", Duration.ofSeconds(60));
            Thread.sleep(1000); // reading 98 buffered packets takes milliseconds
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).isEqualTo(143);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(9);
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("interrupted: 98 packets read");
    }

    private static void awaitText(Path file, String text, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!(Files.exists(file) && Files.readString(file).contains(text))) {
            assertThat(System.nanoTime()).as("'%s' in %s", text, file).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
