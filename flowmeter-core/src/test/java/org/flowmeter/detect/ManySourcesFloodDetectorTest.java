package org.flowmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.decode.DecodedPacket.ACK;
import static org.flowmeter.decode.DecodedPacket.SYN;
import static org.flowmeter.detect.DetectorRun.MS;
import static org.flowmeter.detect.DetectorRun.S;
import static org.flowmeter.detect.DetectorRun.key;

import org.junit.jupiter.api.Test;

class ManySourcesFloodDetectorTest {
    private static final String VICTIM = "10.0.0.10";

    private static DetectorRun run() {
        return new DetectorRun(new DetectorConfig(), ManySourcesFloodDetector.NAME);
    }

    private static String source(int i) {
        return "198.51." + (i / 250) + "." + (1 + i % 250);
    }

    @Test
    void aSpoofedSynFloodCoversEveryTcpFlowToTheVictimInItsSpan() {
        DetectorRun r = run();
        for (int i = 0; i < 500; i++) {
            long t = i * 10 * MS;
            r.add(DetectorRun.tcp(t, source(i), 1024 + i, VICTIM, 80, SYN, 0));
            r.add(DetectorRun.tcp(t + MS, VICTIM, 80, source(i), 1024 + i, SYN | ACK, 0)); // never completed
        }
        r.session(2 * S, "10.0.0.5", 50000, VICTIM, 80, 300, 4000); // a client amid the flood: in the span
        r.session(9 * S, "10.0.0.5", 50001, VICTIM, 80, 300, 4000); // after the flood: not
        r.add(DetectorRun.udp(2 * S, "10.0.0.5", 5353, VICTIM, 53, 40)); // another protocol: not
        assertThat(r.flagged()).hasSize(501).containsEntry(key(source(0), 1024, VICTIM, 80), "flood-many-sources")
                .containsKey(key("10.0.0.5", 50000, VICTIM, 80))
                .doesNotContainKey(key("10.0.0.5", 50001, VICTIM, 80));
    }

    @Test
    void aReflectionFloodOfUnansweredAnswersIsFlagged() {
        DetectorRun r = run();
        for (int i = 0; i < 600; i++) {
            r.add(DetectorRun.udp(i * 5 * MS, source(i % 60), 123, VICTIM, 30000 + i, 468)); // NTP monlist replies
        }
        assertThat(r.flagged()).hasSize(600).containsValue("flood-many-sources");
    }

    @Test
    void fortyNineSourcesAreBelowTheThreshold() {
        DetectorRun r = run();
        for (int i = 0; i < 600; i++) {
            r.add(DetectorRun.udp(i * 5 * MS, source(i % 49), 123, VICTIM, 30000 + i, 468));
        }
        assertThat(r.flagged()).isEmpty();
    }

    @Test
    void aBusyServerWithAnsweredClientsIsLeftAlone() {
        DetectorRun r = run();
        for (int i = 0; i < 1000; i++) {
            r.session(i * 10 * MS, source(i), 40000, VICTIM, 443, 600, 20000);
        }
        assertThat(r.flagged()).isEmpty();
    }
}
