package org.flowmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.detect.DetectorRun.MS;
import static org.flowmeter.detect.DetectorRun.S;
import static org.flowmeter.detect.DetectorRun.key;

import org.junit.jupiter.api.Test;

class BeaconDetectorTest {
    private static final String HOST = "10.0.0.23";
    private static final String C2 = "203.0.113.5";
    /** Jitter of a few per cent, as beacons and pollers have. */
    private static final long[] JITTER = {0, 700, -1200, 300, 1500, -400, -900, 1100, 200, -600, 800, -1500, 400, 0, 1000};

    private static void beacon(DetectorRun r, String dst, int n) {
        for (int i = 0; i < n; i++) {
            r.session(i * 30 * S + JITTER[i % JITTER.length] * MS, HOST, 41000 + i, dst, 443, 220, 180);
        }
    }

    @Test
    void twelveConnectionsEveryThirtySecondsAreFlaggedWhole() {
        DetectorRun r = run(new DetectorConfig());
        beacon(r, C2, 12);
        r.session(95 * S, HOST, 42000, C2, 80, 300, 2000); // another port of the same host
        assertThat(r.flagged()).hasSize(12).containsEntry(key(HOST, 41000, C2, 443), "beacon")
                .containsKey(key(HOST, 41011, C2, 443)).doesNotContainKey(key(HOST, 42000, C2, 80));
    }

    @Test
    void elevenConnectionsAreTooFew() {
        DetectorRun r = run(new DetectorConfig());
        beacon(r, C2, 11);
        assertThat(r.flagged()).isEmpty();
    }

    @Test
    void irregularConnectionsAreLeftAlone() {
        DetectorRun r = run(new DetectorConfig());
        long[] starts = {0, 4, 5, 31, 90, 92, 140, 141, 142, 200, 260, 263, 300, 380, 381};
        for (int i = 0; i < starts.length; i++) {
            r.session(starts[i] * S, HOST, 41000 + i, C2, 443, 220, 180);
        }
        assertThat(r.flagged()).isEmpty();
    }

    @Test
    void pollsOfAPrivateAddressAreMonitoringUnlessAskedFor() {
        DetectorRun r = run(new DetectorConfig());
        beacon(r, "10.0.0.10", 15);
        assertThat(r.flagged()).isEmpty();

        DetectorConfig local = new DetectorConfig();
        local.beaconLocal = true;
        DetectorRun withLocal = run(local);
        beacon(withLocal, "10.0.0.10", 15);
        assertThat(withLocal.flagged()).hasSize(15).containsValue("beacon");
    }

    @Test
    void periodicDnsQueriesCountButAUdpKeepAliveOfAVoiceAppDoesNot() {
        DetectorRun dns = run(new DetectorConfig());
        DetectorRun voice = run(new DetectorConfig());
        for (int i = 0; i < 15; i++) {
            dns.add(DetectorRun.udp(i * 60 * S, HOST, 50000 + i, C2, 53, 45));
            dns.add(DetectorRun.udp(i * 60 * S + 20 * MS, C2, 53, HOST, 50000 + i, 90));
            voice.add(DetectorRun.udp(i * 60 * S, HOST, 50000 + i, C2, 50004, 45));
            voice.add(DetectorRun.udp(i * 60 * S + 20 * MS, C2, 50004, HOST, 50000 + i, 90));
        }
        assertThat(dns.flagged()).hasSize(15).containsValue("beacon");
        assertThat(voice.flagged()).isEmpty();
    }

    private static DetectorRun run(DetectorConfig config) {
        return new DetectorRun(config, BeaconDetector.NAME);
    }
}
