package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.RawPacket;
import org.flowmeter.testsupport.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The detectors inside classify, with a model that flags nothing so that every malicious verdict
 * is a detector's. scan_lo.pcap (fixtures/make-detector-captures.sh): 127.0.0.2 connects to 20
 * closed ports of 127.0.0.1 (20 flows of SYN and RST, 128 bytes each) and fetches a page once
 * amid them; 127.0.0.3 fetches the page twice, once during the scan (12 packets, 2532 bytes per
 * fetch, per tshark -z conv,tcp).
 */
class DetectorsInClassifyTest {
    @TempDir
    Path dir;

    private List<Map<String, String>> classify(String capture, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--summary-json", dir.resolve("s.json").toString()));
        args.addAll(List.of(options));
        return DetectorVerdicts.classify(dir, capture, args.toArray(new String[0]));
    }

    /** Classifies a capture: {@code flows} rows, {@code flagged} of them malicious, each decided by {@code by} (null: any). */
    private void assertFlagged(Path capture, int flows, int flagged, String by) throws IOException {
        List<Map<String, String>> rows = classify(capture.toString());
        assertThat(rows).hasSize(flows);
        List<Map<String, String>> bad = rows.stream().filter(r -> r.get("verdict").equals("malicious")).toList();
        assertThat(bad).hasSize(flagged);
        if (by != null) {
            assertThat(bad).allSatisfy(r -> assertThat(r).containsEntry("decidedBy", by));
        }
    }

    private JsonNode summary() {
        return JsonMapper.builder().build().readTree(dir.resolve("s.json").toFile());
    }

    @Test
    void aVerticalScanIsFlaggedWholeIncludingTheProbesBeforeTheThresholdAndNamesTheDetector() throws IOException {
        Path forward = dir.resolve("fwd.pcap");
        List<Map<String, String>> rows = classify(fixture("scan_lo.pcap"), "--forward", forward.toString());
        assertThat(rows).hasSize(23);
        for (Map<String, String> row : rows) {
            boolean scanner = row.get("srcIP").equals("127.0.0.2");
            assertThat(row.get("verdict")).as(row.toString()).isEqualTo(scanner ? "malicious" : "benign");
            assertThat(row.get("decidedBy")).as(row.toString()).isEqualTo(scanner ? "scan" : "model");
        }
        JsonNode s = summary();
        assertThat(s.get("flows_forwarded").asLong()).isEqualTo(21);
        assertThat(s.get("decided_by").get("scan").asLong()).isEqualTo(21);
        assertThat(s.get("flows_forwarded_after_their_row").asLong()).isZero();
        assertThat(packetsAndBytes(forward)).containsExactly(20 * 2 + 12, 20 * 128 + 2532);
    }

    @Test
    void withoutDetectorsOrAboveTheThresholdNothingIsFlagged() throws IOException {
        assertThat(classify(fixture("scan_lo.pcap"), "--no-detectors"))
                .allSatisfy(r -> assertThat(r).containsEntry("verdict", "benign").containsEntry("decidedBy", "model"));
        assertThat(classify(fixture("scan_lo.pcap"), "--scan-ports", "21"))
                .allSatisfy(r -> assertThat(r).containsEntry("verdict", "benign"));
        assertThat(classify(fixture("scan_lo.pcap"), "--detectors", "guessing,flood"))
                .allSatisfy(r -> assertThat(r).containsEntry("verdict", "benign"));
        assertThat(classify(fixture("scan_lo.pcap"), "--scan-ports", "20")).filteredOn(r -> r.get("verdict").equals("malicious"))
                .hasSize(21);
    }

    @Test
    void anUnknownDetectorIsAUsageError() {
        CliRun run = CliRun.of("classify", fixture("scan_lo.pcap"), "--detectors", "scan,portscan", "-o", dir.resolve("v.csv").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown detector 'portscan'");
    }

    @Test
    void aNegativeScanPeerCountIsAUsageError() {
        CliRun run = CliRun.of("classify", fixture("scan_lo.pcap"), "--scan-peers", "-1", "-o", dir.resolve("v.csv").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--scan-peers must be at least 0");
    }

    /**
     * --scan-peers sets how many hosts the client must have conversed with on the swept port. The
     * Windows Gnutella client exchanges payload both ways on 6346 with exactly 2 hosts
     * (213.66.32.81 and 65.34.1.56, by tshark -Y "tcp.port==6346 && tcp.len>0"): 2 exempts its
     * sweep, 3 does not, and 0 turns the exemption off; every one of its 530 flows is in the sweep.
     */
    @ParameterizedTest
    @CsvSource({"'', 0", "--scan-peers=2, 0", "--scan-peers=1, 0", "--scan-peers=3, 530", "--scan-peers=0, 530"})
    void theScanPeerCountDecidesWhetherAPeerSearchIsAScan(String option, int flagged) throws IOException {
        Path capture = SharedData.require("public/benign/markofu+pcaps/PracticalPacketAnalysis/ppa-capture-files/gnutella.pcap");
        List<Map<String, String>> rows = option.isEmpty() ? classify(capture.toString()) : classify(capture.toString(), option);
        assertThat(rows).hasSize(530);
        assertThat(rows).filteredOn(r -> r.get("verdict").equals("malicious")).hasSize(flagged)
                .allSatisfy(r -> assertThat(r).containsEntry("decidedBy", "scan"));
    }

    @Test
    void theBundledSampleOfOrdinaryTrafficIsLeftAlone() throws IOException {
        assertThat(classify(fixture("bench_small.pcap"))).isNotEmpty()
                .allSatisfy(r -> assertThat(r).containsEntry("decidedBy", "model"));
    }

    /** Lab captures: flows flagged by the detectors alone, counted independently in docs/detectors.md. */
    @ParameterizedTest
    @CsvSource({
            "nmap_syn_scan.pcap, 1024, 1024, scan",
            "nmap_connect_scan.pcap, 1000, 1000, scan",
            "hping3_syn_flood.pcap, 20000, 20000, flood",
            "hydra_ssh.pcap, 329, 329, guessing",
            "hydra_http_basic.pcap, 600, 600, guessing",
            "ab_close.pcap, 1820, 0, ",
            "wrk_close.pcap, 4893, 0, ",
            "monitoring_poll.pcap, 30, 0, ",
            "browse_chrome.pcap, 109, 0, ",
            "bg_concurrent.pcap, 573, 0, ",
            "dns_lookups.pcap, 84, 0, "})
    void labCaptures(String name, int flows, int flagged, String by) throws IOException {
        assertFlagged(SharedData.require("traffic-lab/" + name), flows, flagged, by);
    }

    /**
     * Public captures of other networks. The two Gnutella clients sweep port 6346 for peers (81
     * hosts each, by tshark -z conv): the Windows one is refused by most and retries each peer
     * over and over, the other sends unanswered UDP pings to 77 peers; each exchanges payload
     * both ways with a few peers on 6346 (2 over TCP; 4 over UDP and 4 over TCP), which no probe
     * of a scan does. The scans are horizontal and vertical sweeps that must stay flagged.
     */
    @ParameterizedTest
    @CsvSource({
            "benign/markofu+pcaps/PracticalPacketAnalysis/ppa-capture-files/gnutella.pcap, 530, 0, ",
            "benign/ntop+nDPI/tests/cfgs/default/pcap/gnutella.pcap, 881, 0, ",
            "malicious/markofu+pcaps/PracticalPacketAnalysis/ppa-capture-files/portscan.pcap, 29, 29, scan",
            "malicious/markofu+pcaps/EvilFingers/XScan/xscan_capture.pcap, 1237, 1236, scan",
            "malicious/chrissanders+packets/synscan.pcapng, 1994, 1994, scan"})
    void publicCaptures(String name, int flows, int flagged, String by) throws IOException {
        assertFlagged(SharedData.require("public/" + name), flows, flagged, by);
    }

    private static long[] packetsAndBytes(Path capture) throws IOException {
        long[] totals = new long[2];
        try (PacketSource source = Captures.open(capture.toString())) {
            RawPacket p = new RawPacket();
            while (source.next(p)) {
                totals[0]++;
                totals[1] += p.originalLength;
            }
        }
        return totals;
    }
}
