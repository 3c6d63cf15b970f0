package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that hold nothing to read are said so, and a run with no packet at all fails. */
class EmptyInputTest {
    @TempDir
    Path dir;

    @Test
    void aFolderWithoutCapturesIsAWarningAndNoPacketsAtAllExitOne() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(folder.resolve("readme.txt"), "not a capture");
        CliRun run = CliRun.of("extract", folder.toString(), "-o", dir.resolve("flows.csv").toString());
        assertThat(run.err()).contains("warning: " + folder + " holds no capture file (1 other files)");
        assertThat(run.err()).contains("no packets read");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void aFolderWithoutCapturesBesideACaptureIsOnlyAWarning() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("empty"));
        CliRun run = CliRun.of("classify", folder.toString(), fixture("udp_ping.pcap"), "-o", dir.resolve("v.csv").toString(), "-q");
        assertThat(run.err()).contains("warning: " + folder + " holds no capture file (0 other files)");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void aFilterThatKeepsNothingExitsOne() {
        CliRun run = CliRun.of("classify", fixture("udp_ping.pcap"), "--bpf", "tcp", "-o", dir.resolve("v.csv").toString(), "-q");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no packets read: the inputs hold none that --bpf accepts");
    }
}
