package org.flowmeter.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowmeter.live.LiveCapture;

/**
 * A child process of the end-to-end tests of live capture on the loopback interface:
 * {@code flowmeter live} (this module's classes) or tcpdump beside it, its standard error in a
 * file the test waits on, stopped with a signal as Ctrl-C would. Closing it kills what still runs.
 */
final class LoopbackChild implements AutoCloseable {
    private final Process process;
    private final Path stderr;

    private LoopbackChild(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    /** Skips the calling tests where this JVM cannot capture on lo (no capture rights or no libpcap). */
    static void assumeCaptureOnLoopback() {
        try {
            LiveCapture.open("lo", 128, null).close();
        } catch (IOException | LinkageError e) {
            assumeTrue(false, "cannot capture on lo here: " + e.getMessage());
        }
    }

    /** {@code flowmeter live ARGS...} in a JVM of its own; standard output is dropped. */
    static LoopbackChild live(Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", testClasspath(), Main.class.getName(), "live"));
        command.addAll(List.of(args));
        return start(command, stderr);
    }

    /** tcpdump writing the packets of {@code filter} on lo to {@code pcap} as they come (-U). */
    static LoopbackChild tcpdump(Path pcap, Path stderr, String filter) throws IOException {
        return start(List.of("tcpdump", "-i", "lo", "-n", "-U", "-w", pcap.toString(), filter), stderr);
    }

    private static LoopbackChild start(List<String> command, Path stderr) throws IOException {
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile()).start();
        return new LoopbackChild(p, stderr);
    }

    /** Waits up to 30 s for {@code text} on standard error (live: "capturing on"; tcpdump: "listening on lo"). */
    void awaitLine(String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String seen = stderr();
            if (seen.contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("exited with " + process.exitValue() + ": " + seen);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' on stderr within 30 s");
    }

    /**
     * SIGINT as Ctrl-C would send it, unless the child inherited an ignored SIGINT (a shell's
     * background job): then SIGTERM, which takes the same path.
     */
    void stop() throws IOException, InterruptedException {
        if (ignoresSigint(process.pid())) {
            process.destroy();
            return;
        }
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            process.destroy();
        }
    }

    /** Whether it ended within {@code seconds}. */
    boolean waitFor(int seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }

    Process process() {
        return process;
    }

    /** Its standard error so far. */
    String stderr() throws IOException {
        return Files.exists(stderr) ? Files.readString(stderr) : "";
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static boolean ignoresSigint(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).trim(), 16) & 2) != 0;
            }
        }
        return false;
    }

    /** Surefire may run tests from a manifest-only jar; it then keeps the real class path here. */
    private static String testClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
