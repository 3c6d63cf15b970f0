package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flowmeter.testsupport.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * However classify shares its work out over threads (all on one; reading and decoding on a
 * second; scoring, detectors and writing on a second; both), it writes the same verdict rows, forwards
 * the same packets and counts the same in its summary.
 */
class ClassifyThreadsTest {
    @TempDir
    Path dir;

    private String classify(String capture, String threads, String... more) throws Exception {
        Path verdicts = dir.resolve(threads + ".csv");
        Path forwarded = dir.resolve(threads + ".pcap");
        Path summary = dir.resolve(threads + ".json");
        String[] base = {"classify", capture.contains("/") ? capture : fixture(capture), "--threads", threads, "-o", verdicts.toString(),
            "--forward", forwarded.toString(), "--summary-json", summary.toString(), "--all-columns"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more))
                .toArray(String[]::new);
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Files.readString(verdicts) + "\n" + java.util.HexFormat.of().formatHex(Files.readAllBytes(forwarded))
                + "\n" + Files.readString(summary);
    }

    /** Each threshold flags part of its capture with the bundled model (http_small's 8 flows score 0.026 to 0.080). */
    @ParameterizedTest
    @CsvSource({"bench_small.pcap, --threshold=0.05", "scan_lo.pcap, --scan-hosts=3", "http_small.pcap, --decide-after=3 --threshold=0.05"})
    void everySplitWritesTheSameResults(String capture, String options) throws Exception {
        String[] more = options.split(" ");
        String one = classify(capture, "ONE", more);
        assertThat(one).contains("malicious").contains("benign");
        assertThat(classify(capture, "AFTER_DECODING", more)).isEqualTo(one);
        assertThat(classify(capture, "AFTER_METERING", more)).isEqualTo(one);
        assertThat(classify(capture, "AFTER_DECODING_AND_METERING", more)).isEqualTo(one);
    }

    /** The verdict rows alone: without --forward no packet hook keeps reading on the meter's thread. */
    private String verdicts(String capture, String threads) throws Exception {
        Path verdicts = dir.resolve(threads + "-only.csv");
        CliRun run = CliRun.of("classify", capture, "--threads", threads, "-o", verdicts.toString(), "--all-columns");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Files.readString(verdicts);
    }

    /** Reading and decoding on a thread of their own, scoring on another: the rows of one thread. */
    @Test
    void threeThreadsWriteTheRowsOfOne() throws Exception {
        String capture = SharedData.require("traffic-lab/mix_realistic.pcap").toString();
        String one = verdicts(capture, "ONE");
        assertThat(one.lines().count()).isGreaterThan(500);
        assertThat(verdicts(capture, "AFTER_DECODING_AND_METERING")).isEqualTo(one);
    }

    /**
     * With hundreds of flows scored early while others end, the meter's thread and the decision
     * thread once shared the feature vector's scratch row, so scores changed from run to run.
     */
    @Test
    void scoringOnTheSecondThreadRepeatsTheOneThreadResults() throws Exception {
        String capture = SharedData.require("traffic-lab/mix_realistic.pcap").toString();
        String one = classify(capture, "ONE");
        for (int run = 0; run < 3; run++) {
            assertThat(classify(capture, "AFTER_METERING")).as("run %d", run).isEqualTo(one);
        }
    }
}
