package org.flowmeter.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.flowmeter.detect.Detectors;
import org.flowmeter.engine.DetectorSettings;
import org.flowmeter.engine.LinkFloodSettings;
import org.flowmeter.engine.OptionException;
import org.flowmeter.engine.SlowDosSettings;
import org.flowmeter.engine.TunnelSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The detector options read into the engine's record, which checks them. */
class DetectorOptionsTest {
    private static DetectorSettings parse(String... args) {
        DetectorOptions parsed = new DetectorOptions();
        new CommandLine(parsed).parseArgs(args);
        return parsed.settings();
    }

    @Test
    void theScanOptionsReachTheRecord() {
        assertThat(parse("--scan-peers", "0", "--scan-hosts", "3", "--scan-window", "2m"))
                .isEqualTo(DetectorSettings.builder().scanHosts(3).scanWindow(Duration.ofMinutes(2)).scanPeers(0).build());
        assertThat(parse()).as("no option: every default").isEqualTo(DetectorSettings.defaults());
        assertThat(parse("--detectors", "scan", "--scan-peers", "5").scanPeers()).isEqualTo(5);
        assertThat(parse("--detectors", "scan").names()).isEqualTo(List.of("scan"));
    }

    @Test
    void everyThresholdReachesItsField() {
        assertThat(parse("--no-detectors", "--detectors", "flood,beacon", "--scan-ports", "4", "--flood-flows", "10",
                "--flood-packets", "11", "--flood-window", "90s", "--flood-sources", "12", "--flood-source-flows", "13",
                "--guess-sessions", "14", "--guess-spread", "0.5", "--guess-window", "500ms", "--beacon-repeats", "15",
                "--beacon-spread", "0.25", "--beacon-local"))
                .isEqualTo(DetectorSettings.builder().none(true).names(List.of("flood", "beacon")).scanPorts(4)
                        .floodFlows(10).floodPackets(11).floodWindow(Duration.ofSeconds(90)).floodSources(12)
                        .floodSourceFlows(13).guessSessions(14).guessSpread(0.5).guessWindow(Duration.ofMillis(500))
                        .beaconRepeats(15).beaconSpread(0.25).beaconLocal(true).build());
    }

    @Test
    void aNegativePeerCountIsRefusedByTheRecord() {
        assertThatThrownBy(() -> parse("--scan-peers", "-1").anyOn())
                .isInstanceOf(OptionException.class).hasMessage("--scan-peers must be at least 0 (0 turns it off)");
    }

    @Test
    void theSlowDosOptionsReachTheRecordAndAreChecked() {
        assertThat(parse("--slow-dos-connections", "30", "--slow-dos-trickles", "8", "--slow-dos-rate", "250",
                "--slow-dos-requests", "40", "--slow-dos-window", "10m").slowDos())
                .isEqualTo(new SlowDosSettings(30, 8, 250.0, 40, Duration.ofMinutes(10)));
        assertThat(parse().slowDos()).isEqualTo(SlowDosSettings.defaults());
        assertThat(parse("--slow-dos-window", "10m").holdNanos()).as("the hold covers the longest window")
                .isEqualTo(Duration.ofMinutes(10).toNanos());
        assertThatThrownBy(() -> parse("--slow-dos-trickles", "0").anyOn())
                .isInstanceOf(OptionException.class).hasMessage("--slow-dos-trickles must be at least 1");
        assertThatThrownBy(() -> parse("--slow-dos-rate", "0").create())
                .isInstanceOf(OptionException.class)
                .hasMessage("--slow-dos-rate must be a number of bytes a second above 0");
        DetectorSettings zeroWindow = DetectorSettings.builder()
                .slowDos(new SlowDosSettings(null, null, null, null, Duration.ZERO)).build();
        assertThatThrownBy(zeroWindow::anyOn)
                .isInstanceOf(OptionException.class).hasMessage("detector windows must be longer than zero");
    }

    @Test
    void theTunnelOptionsReachTheirRecordAndAreChecked() {
        DetectorSettings d = parse("--tunnel-dns-queries", "20", "--tunnel-dns-query-bytes", "80", "--tunnel-dns-answer-bytes",
                "700", "--tunnel-icmp-requests", "30", "--tunnel-icmp-changes", "0.3", "--tunnel-icmp-bytes", "900",
                "--tunnel-window", "12m");
        assertThat(d.tunnel()).isEqualTo(new TunnelSettings(20, 80.0, 700.0, 30, 0.3, 900.0, Duration.ofMinutes(12)));
        assertThat(d.anyOn()).isTrue();
        assertThat(d.holdNanos()).as("the longest window holds the flows").isEqualTo(Duration.ofMinutes(12).toNanos());
        assertThat(parse().tunnel()).isEqualTo(TunnelSettings.defaults());
        assertThatThrownBy(() -> parse("--tunnel-icmp-changes", "0").anyOn()).isInstanceOf(OptionException.class)
                .hasMessage("--tunnel-icmp-changes must be a share above 0 and at most 1");
        assertThatThrownBy(() -> parse("--tunnel-dns-queries", "0").anyOn()).isInstanceOf(OptionException.class)
                .hasMessage("--tunnel-dns-queries must be at least 1");
        DetectorSettings zeroWindow = DetectorSettings.builder()
                .tunnel(new TunnelSettings(null, null, null, null, null, null, Duration.ZERO)).build();
        assertThatThrownBy(zeroWindow::anyOn).isInstanceOf(OptionException.class)
                .hasMessage("detector windows must be longer than zero");
    }
    @Test
    void theLinkFloodOptionsReachTheRecordAndAreChecked() {
        assertThat(parse("--link-flood-sources", "800", "--link-flood-router-sources", "4", "--link-flood-window", "30s")
                .linkFlood()).isEqualTo(new LinkFloodSettings(800, 4, Duration.ofSeconds(30)));
        assertThat(parse().linkFlood()).isEqualTo(LinkFloodSettings.defaults());
        assertThat(parse("--detectors", "link-flood").anyOn()).isTrue();
        assertThatThrownBy(() -> parse("--link-flood-router-sources", "1").anyOn())
                .isInstanceOf(OptionException.class).hasMessage("--link-flood-router-sources must be at least 2");
        DetectorSettings zeroWindow = DetectorSettings.builder()
                .linkFlood(new LinkFloodSettings(null, null, Duration.ZERO)).build();
        assertThatThrownBy(zeroWindow::create)
                .isInstanceOf(OptionException.class).hasMessage("detector windows must be longer than zero");
    }

    /**
     * The option names live in the picocli declarations and again in the engine's messages: every
     * number threshold refused names the very option given. The two spreads take any number.
     */
    @Test
    void everyNumberThresholdRefusedIsNamedAsItsOption() {
        Set<String> unchecked = Set.of("--guess-spread", "--beacon-spread");
        List<OptionSpec> numbers = new CommandLine(new DetectorOptions()).getCommandSpec().options().stream()
                .filter(o -> o.type() == Integer.class || o.type() == Double.class)
                .filter(o -> !unchecked.contains(o.longestName())).toList();
        assertThat(numbers).hasSizeGreaterThanOrEqualTo(22);
        for (OptionSpec option : numbers) {
            assertThatThrownBy(() -> parse(option.longestName(), "-1").create()).as(option.longestName())
                    .isInstanceOf(OptionException.class).hasMessageStartingWith(option.longestName() + " must be ");
        }
    }

    @Test
    void theHelpOfDetectorsNamesEveryDetector() {
        String help = String.join(" ", new CommandLine(new DetectorOptions()).getCommandSpec()
                .findOption("--detectors").description());
        String listed = help.substring(help.indexOf(": ") + 2, help.indexOf(" (default: all)"));
        assertThat(List.of(listed.split(", "))).containsExactlyInAnyOrderElementsOf(Detectors.names());
    }

    /** docs/detectors.md's list of the options names each option the command line takes. */
    @Test
    void theDocsListEveryDetectorOption() throws IOException {
        String doc = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("docs/detectors.md"));
        int start = doc.indexOf("### Options");
        String options = doc.substring(start, doc.indexOf("\n### ", start + 1));
        List<OptionSpec> all = new CommandLine(new DetectorOptions()).getCommandSpec().options();
        assertThat(all).hasSizeGreaterThanOrEqualTo(33).allSatisfy(o -> assertThat(options).as(o.longestName())
                .contains("`" + o.longestName() + (o.arity().max() == 0 ? "`" : " ")));
    }
}
