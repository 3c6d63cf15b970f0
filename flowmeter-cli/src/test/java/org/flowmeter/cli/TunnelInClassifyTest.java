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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tunnel detector inside classify, with every detector on and a model that flags nothing.
 *
 * <p>dns_tunnel.pcap (fixtures/make-dns-icmp-tunnels.py), by tshark -z conv,udp: 201 UDP flows,
 * 1 from 10.0.0.5 to the resolver 10.0.0.53 (160 queries over one socket, whose names carry
 * 60-200 characters of data), 160 from the resolver to 192.0.2.81 (the same queries relayed, one
 * per port) and 40 from 10.0.0.6 to the resolver (one lookup of www.example.com each).
 *
 * <p>icmp_tunnel.pcap, by tshark's ip.src, ip.dst and icmp.ident: 4 echo flows. 10.0.0.7 to
 * 198.51.100.9 with identifier 0x4242 (70 requests, the size changing 69 times) and 0x4343 (50
 * requests, 49 changes), every one answered; 10.0.0.8 pinging 198.51.100.9 150 times with 56
 * bytes, and sending 10 path-MTU probes (1472 down to 1382 bytes) to 198.51.100.10.
 */
class TunnelInClassifyTest {
    @TempDir
    Path dir;

    private List<Map<String, String>> classify(String capture, String... options) throws IOException {
        return DetectorVerdicts.classify(dir, capture, options);
    }

    @Test
    void aDnsTunnelIsFlaggedAtTheClientAndAtTheResolverThatRelaysIt() throws IOException {
        List<Map<String, String>> rows = classify(fixture("dns_tunnel.pcap"));
        assertThat(rows).hasSize(201);
        for (Map<String, String> row : rows) {
            boolean tunnel = row.get("srcIP").equals("10.0.0.5") || row.get("dstIP").equals("192.0.2.81");
            assertThat(row.get("verdict")).as(row.toString()).isEqualTo(tunnel ? "malicious" : "benign");
            assertThat(row.get("decidedBy")).as(row.toString()).isEqualTo(tunnel ? "tunnel" : "model");
        }
        assertThat(flagged(rows)).hasSize(161);
    }

    @Test
    void anIcmpTunnelIsFlaggedAndAnOrdinaryPingAndMtuProbesAreNot() throws IOException {
        List<Map<String, String>> rows = classify(fixture("icmp_tunnel.pcap"));
        assertThat(rows).hasSize(4);
        assertThat(flagged(rows)).hasSize(2).allSatisfy(r -> assertThat(r).containsEntry("srcIP", "10.0.0.7")
                .containsEntry("decidedBy", "tunnel"));
    }

    @ParameterizedTest
    @CsvSource({"dns_tunnel.pcap, --tunnel-dns-queries=160, 161", "dns_tunnel.pcap, --tunnel-dns-queries=161, 0",
        "dns_tunnel.pcap, --tunnel-dns-query-bytes=1000, 0", "icmp_tunnel.pcap, --tunnel-icmp-requests=120, 2",
        "icmp_tunnel.pcap, --tunnel-icmp-requests=121, 0", "icmp_tunnel.pcap, --detectors=scan, 0"})
    void theThresholdsAreOptions(String capture, String option, int expected) throws IOException {
        assertThat(flagged(classify(fixture(capture), option))).hasSize(expected);
    }

    @Test
    void anOutOfRangeThresholdIsAUsageError() {
        CliRun run = CliRun.of("classify", fixture("icmp_tunnel.pcap"), "--tunnel-icmp-changes", "1.5", "-o",
                dir.resolve("v.csv").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--tunnel-icmp-changes");
    }

    /** Ordinary lookups and pings (udp_ping.pcap: 3 IPv4 and 3 IPv6 echoes of one size) are left alone. */
    @Test
    void ordinaryPingsAreLeftAlone() throws IOException {
        assertThat(flagged(classify(fixture("udp_ping.pcap")))).isEmpty();
    }

    /**
     * nDPI's iodine capture: one UDP flow of 222 queries (mean 75.7 bytes) to 10.0.2.20:53 in 24 s,
     * by tshark. Its DNS exfiltration: one UDP flow of 150 queries (mean 174 bytes) to
     * 192.168.203.167:53 in 60 s. Its ICMP tunnel: identifier 65279 between 192.168.154.131 and
     * .132, in two flows split by an idle gap of 145 s; the second began with a reply (448
     * requests in all, sizes changing 173 times).
     */
    @ParameterizedTest
    @CsvSource({"dns-tunnel-iodine.pcap, 1", "dns_exfiltration.pcap, 1", "icmp-tunnel.pcap, 2"})
    void publicTunnelCapturesAreFlaggedWhole(String capture, int flows) throws IOException {
        Path path = SharedData.require("public/malicious/ntop+nDPI/tests/cfgs/default/pcap/" + capture);
        List<Map<String, String>> rows = classify(path.toString());
        assertThat(rows).hasSize(flows);
        assertThat(flagged(rows)).hasSize(flows).allSatisfy(r -> assertThat(r).containsEntry("decidedBy", "tunnel"));
    }

    /**
     * Benign captures with many lookups, big answers and pings: the lab's DNS lookups, a slow
     * traceroute, and nDPI's DNS samples, among them the ones that come nearest the thresholds
     * (teams, alexa-app, wechat: flagged only with the thresholds lowered far below the defaults).
     */
    @ParameterizedTest
    @ValueSource(strings = {"traffic-lab/dns_lookups.pcap",
        "public/benign/markofu+pcaps/PracticalPacketAnalysis/ppa-capture-files/icmp-tracert-slow.pcap",
        "public/benign/markofu+pcaps/PracticalPacketAnalysis/ppa-capture-files/dns.cap",
        "public/benign/ntop+nDPI/tests/cfgs/default/pcap/dns.pcap",
        "public/benign/ntop+nDPI/tests/cfgs/default/pcap/dns-google-nsid.pcapng",
        "public/benign/ntop+nDPI/tests/cfgs/default/pcap/dns_fragmented.pcap",
        "public/benign/ntop+nDPI/tests/cfgs/default/pcap/teams.pcap",
        "public/benign/ntop+nDPI/tests/cfgs/default/pcap/alexa-app.pcapng",
        "public/benign/ntop+nDPI/tests/cfgs/default/pcap/wechat.pcap"})
    void benignDnsAndPingCapturesAreLeftAlone(String capture) throws IOException {
        Path path = SharedData.require(capture);
        assertThat(flagged(classify(path.toString(), "--detectors", "tunnel"))).isEmpty();
    }
}
