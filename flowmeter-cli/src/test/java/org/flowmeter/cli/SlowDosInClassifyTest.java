package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;
import static org.flowmeter.cli.DetectorVerdicts.flagged;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flowmeter.testsupport.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The slow-dos detector inside classify, with a model that flags nothing (so every malicious
 * verdict is a detector's) and every detector on.
 *
 * <p>slowdos_lo.pcap and keepalive_lo.pcap: see fixtures/captures/README.md and
 * SlowDosDetectorTest. The lab's slowloris.pcap (slowhttptest -H -c 300 -i 10 -r 50 -l 40), by
 * tshark: 313 TCP connections from 10.66.0.66 to port 80 of 10.66.0.10, 300 of them open 10 s or
 * more with nothing sent back; one connection (the tool's first probe) starts before the first of
 * those, none after the last of them ended. mix_parts/slowloris_few.pcap (-c 6 -l 15): 12
 * connections, 6 held and unanswered, again one probe first.
 */
class SlowDosInClassifyTest {
    @TempDir
    Path dir;

    private List<Map<String, String>> classify(String capture, String... options) throws IOException {
        return DetectorVerdicts.classify(dir, capture, options);
    }

    @Test
    void slowhttptestOnLoopbackIsFlaggedAsSlowDosAndTheOtherClientIsNot() throws IOException {
        List<Map<String, String>> rows = classify(fixture("slowdos_lo.pcap"));
        assertThat(rows).hasSize(81);
        assertThat(flagged(rows)).hasSize(73).allSatisfy(r -> {
            assertThat(r).containsEntry("decidedBy", "slow-dos");
            assertThat(r).containsEntry("srcIP", "127.0.0.1");
        });
    }

    @Test
    void twelveIdleKeepAlivesOfABrowserAreLeftAlone() throws IOException {
        assertThat(flagged(classify(fixture("keepalive_lo.pcap")))).isEmpty();
        assertThat(flagged(classify(fixture("keepalive_lo.pcap"), "--slow-dos-connections", "2"))).isEmpty();
        assertThat(flagged(classify(fixture("slowdos_lo.pcap"), "--detectors", "scan,flood,guessing,beacon")))
                .as("no other detector sees slow DoS").isEmpty();
    }

    @Test
    void theLabsSlowlorisIsFlaggedButForTheProbeBeforeItsFirstConnection() throws IOException {
        List<Map<String, String>> rows = classify(SharedData.require("traffic-lab/slowloris.pcap").toString());
        assertThat(rows).hasSize(313);
        assertThat(flagged(rows)).hasSize(312).allSatisfy(r -> assertThat(r).containsEntry("decidedBy", "slow-dos"));

        List<Map<String, String>> few = classify(SharedData.require("traffic-lab/mix_parts/slowloris_few.pcap").toString());
        assertThat(few).hasSize(12);
        assertThat(flagged(few)).hasSize(11).allSatisfy(r -> assertThat(r).containsEntry("decidedBy", "slow-dos"));
    }

    /** Browsers with parallel connections, load tests, long downloads, SSH sessions, polls. */
    @ParameterizedTest
    @ValueSource(strings = {
            "traffic-lab/browse_firefox.pcap",
            "traffic-lab/browse_chrome.pcap",
            "traffic-lab/ab_keepalive.pcap",
            "traffic-lab/wrk_keepalive.pcap",
            "traffic-lab/wget_download.pcap",
            "traffic-lab/ssh_interactive.pcap",
            "traffic-lab/scp_transfer.pcap",
            "traffic-lab/monitoring_poll.pcap",
            "traffic-lab/bg_concurrent.pcap"})
    void benignLabCapturesAreLeftAlone(String name) throws IOException {
        List<Map<String, String>> rows = classify(SharedData.require(name).toString(), "--detectors", "slow-dos");
        assertThat(rows).isNotEmpty();
        assertThat(flagged(rows)).isEmpty();
    }
}
