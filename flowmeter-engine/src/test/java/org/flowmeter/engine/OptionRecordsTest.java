package org.flowmeter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.flowmeter.flow.FlowConfig;
import org.junit.jupiter.api.Test;

/** The option records check what every front end fills in, with the messages the command line prints. */
class OptionRecordsTest {
    private static DetectorSettings detectors(boolean none, List<String> names, Integer scanHosts, Duration scanWindow) {
        return DetectorSettings.builder().none(none).names(names).scanHosts(scanHosts).scanWindow(scanWindow).build();
    }

    @Test
    void flowSettingsBecomeTheFlowConfiguration() {
        FlowSettings s = new FlowSettings(Duration.ofSeconds(60), Duration.ofSeconds(600), Duration.ofSeconds(2),
                Duration.ofSeconds(10), Duration.ofSeconds(20), null, 5000, null, List.of("10.0.0.0/8"), false,
                "deepfence,exchange", true);
        FlowConfig c = s.config();
        assertThat(c.idleTimeoutNanos()).isEqualTo(60_000_000_000L);
        assertThat(c.activeTimeoutNanos()).isEqualTo(600_000_000_000L);
        assertThat(c.tcpLingerNanos()).isEqualTo(2_000_000_000L);
        assertThat(c.tcpNewTimeoutNanos()).isEqualTo(10_000_000_000L);
        assertThat(c.udpTimeoutNanos()).isEqualTo(20_000_000_000L);
        assertThat(c.icmpTimeoutNanos()).as("the idle timeout when not given").isEqualTo(60_000_000_000L);
        assertThat(c.maxFlows()).isEqualTo(5000);
        assertThat(c.localNets().test(4, 0, 0x0A010203L)).isTrue();
        assertThat(c.localNets().test(4, 0, 0xC0A80001L)).isFalse();
        assertThat(s.featureSets()).extracting(f -> f.name()).containsExactly("deepfence", "exchange");
    }

    @Test
    void flowSettingsOutOfRangeNameTheirOption() {
        FlowSettings d = FlowSettings.defaults();
        assertThatThrownBy(() -> new FlowSettings(d.idleTimeout(), d.activeTimeout(), d.tcpLinger(), d.tcpNewTimeout(),
                null, null, 0, null, List.of(), false, "deepfence", false).config())
                .isInstanceOf(OptionException.class).hasMessage("--max-flows must be at least 1");
        assertThatThrownBy(() -> new FlowSettings(d.idleTimeout(), d.activeTimeout(), d.tcpLinger(), d.tcpNewTimeout(),
                null, null, 10, null, List.of("10.0.0.0/33"), false, "deepfence", false).config())
                .isInstanceOf(OptionException.class).hasMessageStartingWith("--local-net: ");
        assertThatThrownBy(() -> d.withFeatures("deepfence,nosuchset").featureSets())
                .isInstanceOf(OptionException.class).hasMessageStartingWith("--features: ");
    }

    @Test
    void detectorSettingsAreCheckedOnlyWhenDetectorsRun() {
        assertThat(DetectorSettings.defaults().anyOn()).isTrue();
        assertThat(DetectorSettings.defaults().create().isEmpty()).isFalse();
        assertThat(DetectorSettings.off().anyOn()).isFalse();
        assertThat(detectors(true, null, 0, null).create().isEmpty()).as("--no-detectors: thresholds unread").isTrue();
        assertThat(detectors(false, List.of(), null, null).anyOn()).isFalse();
        assertThatThrownBy(() -> detectors(false, null, 0, null).anyOn())
                .isInstanceOf(OptionException.class).hasMessage("--scan-hosts must be at least 1");
        assertThatThrownBy(() -> detectors(false, null, null, Duration.ZERO).create())
                .isInstanceOf(OptionException.class).hasMessage("detector windows must be longer than zero");
        String unknown = "--detectors: unknown detector 'scna' (known: " + String.join(", ", org.flowmeter.detect.Detectors.names()) + ")";
        assertThatThrownBy(() -> detectors(false, List.of("scna"), null, null).create())
                .isInstanceOf(OptionException.class).hasMessage(unknown);
        assertThatThrownBy(() -> detectors(false, List.of("scna"), null, null).anyOn())
                .isInstanceOf(OptionException.class).hasMessage(unknown);
    }

    @Test
    void thePeerCountOfTheScanExemptionMayBeZeroButNotNegative() {
        DetectorSettings d = DetectorSettings.defaults();
        DetectorSettings off = DetectorSettings.builder().scanPeers(0).build();
        assertThat(off.anyOn()).isTrue();
        assertThat(off.create().isEmpty()).isFalse();
        DetectorSettings negative = DetectorSettings.builder().scanPeers(-1).build();
        assertThatThrownBy(negative::anyOn)
                .isInstanceOf(OptionException.class).hasMessage("--scan-peers must be at least 0 (0 turns it off)");
        assertThatThrownBy(negative::create).isInstanceOf(OptionException.class);
        assertThat(d.scanPeers()).as("null keeps the detector's default").isNull();
    }

    @Test
    void theBuilderSetsEachComponentItNames() {
        SlowDosSettings slowDos = new SlowDosSettings(30, 8, 250.0, 40, Duration.ofMinutes(10));
        TunnelSettings tunnel = new TunnelSettings(20, 80.0, 700.0, 30, 0.3, 900.0, Duration.ofMinutes(12));
        LinkFloodSettings linkFlood = new LinkFloodSettings(800, 4, Duration.ofSeconds(30));
        DetectorSettings built = DetectorSettings.builder().none(true).names(List.of("scan")).scanHosts(1).scanPorts(2)
                .scanWindow(Duration.ofSeconds(3)).floodFlows(4).floodPackets(5).floodWindow(Duration.ofSeconds(6))
                .floodSources(7).floodSourceFlows(8).guessSessions(9).guessSpread(0.10).guessWindow(Duration.ofSeconds(11))
                .beaconRepeats(12).beaconSpread(0.13).beaconLocal(true).scanPeers(14).guessTries(15)
                .scanQuietPorts(16).guessNameErrors(17).guessEnumerationRequests(18)
                .slowDos(slowDos).tunnel(tunnel).linkFlood(linkFlood).build();
        assertThat(built).isEqualTo(new DetectorSettings(true, List.of("scan"), 1, 2, Duration.ofSeconds(3), 4, 5,
                Duration.ofSeconds(6), 7, 8, 9, 0.10, Duration.ofSeconds(11), 12, 0.13, true, 14, 15, 16, 17, 18, slowDos,
                tunnel, linkFlood));
        assertThat(DetectorSettings.defaults()).isEqualTo(new DetectorSettings(false, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, false, null, null, null, null, null, SlowDosSettings.defaults(),
                TunnelSettings.defaults(), LinkFloodSettings.defaults()));
        assertThat(DetectorSettings.off().none()).isTrue();
    }

    @Test
    void theHoldIsTheLongestDetectorWindow() {
        assertThat(DetectorSettings.defaults().holdNanos()).isEqualTo(Duration.ofMinutes(5).toNanos());
        assertThat(detectors(false, null, null, Duration.ofMinutes(9)).holdNanos()).isEqualTo(Duration.ofMinutes(9).toNanos());
    }

    @Test
    void policyAndThresholdAreChecked() {
        assertThatThrownBy(() -> VerdictPolicy.of(0, null))
                .isInstanceOf(OptionException.class).hasMessage("--early-after/--decide-after must be at least 1");
        assertThat(VerdictPolicy.of(5, 3)).isEqualTo(new VerdictPolicy(3, true));
        assertThat(VerdictPolicy.of(5, null)).isEqualTo(VerdictPolicy.defaults());
        assertThatThrownBy(() -> new ModelSettings(null, null, 2.0).load())
                .isInstanceOf(OptionException.class).hasMessage("--threshold must be from 0 to 1 (a score is a probability)");
    }
}
