package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every path of the exit-code contract: 0 ok, 1 input, 2 usage (one line and a hint), 3 internal. */
class ExitCodesTest {
    @TempDir
    Path dir;

    private static String fixture(String name) {
        return CliRun.REPO.resolve("fixtures/captures").resolve(name).toString();
    }

    @Test
    void anUnknownOptionIsOneLineAndAHint() {
        CliRun run = CliRun.of("classify", "--bogus", fixture("http_small.pcap"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSizeLessThanOrEqualTo(3);
        assertThat(run.err()).contains("flowmeter classify: Unknown option: '--bogus'")
                .contains("Try 'flowmeter classify --help' for more information.")
                .doesNotContain("Usage:");
    }

    @Test
    void anOptionCheckedByTheCommandIsAUsageErrorToo() {
        CliRun run = CliRun.of("classify", "--early-after", "0", fixture("http_small.pcap"), "-o",
                dir.resolve("v.csv").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--early-after").doesNotContain("Usage:");
    }

    @Test
    void aThresholdOutsideZeroToOneIsAUsageErrorInEveryCommandThatTakesIt() {
        String[][] runs = {
            {"classify", "--threshold", "2", fixture("http_small.pcap"), "-o", dir.resolve("v.csv").toString()},
            {"evaluate", "--threshold", "2", "--malicious-host", "10.0.0.1", fixture("http_small.pcap")},
            {"report", "--threshold", "-0.5", "--malicious-host", "10.0.0.1", fixture("http_small.pcap"),
                "-o", dir.resolve("r.html").toString()},
        };
        for (String[] args : runs) {
            String command = args[0];
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(command + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).contains("--threshold must be from 0 to 1").doesNotContain("\tat ");
        }
    }

    @Test
    void inputsWithoutAnyLabelSourceAreAUsageError() {
        CliRun run = CliRun.of("train", fixture("http_small.pcap"), "-o", dir.resolve("m.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("INPUT needs labels").doesNotContain("Usage:");
    }

    /** http_small has 8 flows and refused 6 (tshark's conversation list): too few for 10 folds. */
    @Test
    void tooFewFlowsOfAClassIsAnInputError() {
        CliRun run = CliRun.of("train", "--benign", fixture("http_small.pcap"), "--malicious", fixture("refused.pcap"),
                "-o", dir.resolve("m.json").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("flowmeter: need at least 10 flows of each class for 10-fold CV"
                + " (have 8 benign, 6 malicious)").doesNotContain("Usage:");
    }

    @Test
    void anUnreadableCaptureIsAnInputError() throws Exception {
        Path text = dir.resolve("notes.pcap");
        Files.writeString(text, "hello, this is not a capture\n");
        CliRun run = CliRun.of("extract", text.toString(), "-o", dir.resolve("f.csv").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("not a pcap or pcapng file").doesNotContain("Exception");
    }

    @Test
    void anInternalErrorIsExitThreeWithTheTraceOnlyUnderDebug() {
        ExitCodes quiet = new ExitCodes(false);
        ExitCodes debug = new ExitCodes(true);
        java.io.StringWriter quietText = new java.io.StringWriter();
        java.io.StringWriter debugText = new java.io.StringWriter();
        picocli.CommandLine cmd = new picocli.CommandLine(new Main());
        cmd.setErr(new java.io.PrintWriter(quietText));
        assertThat(quiet.execution(new IllegalStateException("broken invariant"), cmd)).isEqualTo(3);
        cmd.setErr(new java.io.PrintWriter(debugText));
        assertThat(debug.execution(new IllegalStateException("broken invariant"), cmd)).isEqualTo(3);
        assertThat(quietText.toString()).contains("internal error: java.lang.IllegalStateException: broken invariant")
                .contains("--debug").doesNotContain("\tat ");
        assertThat(debugText.toString()).contains("\tat ");
    }

    @Test
    void debugIsAcceptedByEveryCommand() {
        CliRun run = CliRun.of("extract", "--debug", fixture("udp_ping.pcap"), "-o", dir.resolve("f.csv").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }
}
