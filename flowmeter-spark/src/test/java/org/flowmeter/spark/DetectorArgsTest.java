package org.flowmeter.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.flowmeter.engine.DetectorSettings;
import org.flowmeter.engine.OptionException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Spark's detector options read into the engine's record as the command line's do, without a session. */
class DetectorArgsTest {
    private static DetectorSettings parse(String... args) {
        DetectorArgs parsed = new DetectorArgs();
        new CommandLine(parsed).parseArgs(args);
        return parsed.settings();
    }

    @Test
    void theScanOptionsReachTheRecord() {
        assertThat(parse("--scan-peers", "0", "--scan-hosts", "3", "--scan-window", "2m"))
                .isEqualTo(new DetectorSettings(false, null, 3, null, Duration.ofMinutes(2), null, null, null, null, null,
                        null, null, null, null, null, false, 0));
        assertThat(parse()).as("no option: every default").isEqualTo(DetectorSettings.defaults());
        assertThat(parse("--detectors", "scan", "--scan-peers", "5").scanPeers()).isEqualTo(5);
        assertThat(parse("--detectors", "scan").names()).isEqualTo(List.of("scan"));
    }

    @Test
    void aNegativePeerCountIsRefusedByTheRecord() {
        assertThatThrownBy(() -> parse("--scan-peers", "-1").anyOn())
                .isInstanceOf(OptionException.class).hasMessage("--scan-peers must be at least 0 (0 turns it off)");
    }
}
