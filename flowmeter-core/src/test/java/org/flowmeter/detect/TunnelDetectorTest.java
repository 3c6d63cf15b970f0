package org.flowmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.detect.DetectorRun.MS;
import static org.flowmeter.detect.DetectorRun.S;
import static org.flowmeter.detect.DetectorRun.key;
import static org.flowmeter.detect.DetectorRun.udp;

import java.util.Map;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Packets;
import org.junit.jupiter.api.Test;

class TunnelDetectorTest {
    private static final String CLIENT = "10.0.0.5";
    private static final String RESOLVER = "10.0.0.53";
    private static final String PEER = "198.51.100.9";

    private static DetectorRun run(DetectorConfig config) {
        return new DetectorRun(config, TunnelDetector.NAME);
    }

    /** {@code n} queries over one socket, 0.3 s apart, each answered 5 ms later. */
    private static void queries(DetectorRun r, int n, int query, int answer) {
        for (int i = 0; i < n; i++) {
            r.add(udp(i * 300 * MS, CLIENT, 40000, RESOLVER, 53, query));
            r.add(udp(i * 300 * MS + 5 * MS, RESOLVER, 53, CLIENT, 40000, answer));
        }
    }

    @Test
    void manyLargeQueriesOverOneSocketAreATunnel() {
        DetectorRun r = run(new DetectorConfig());
        queries(r, 100, 120, 200);
        assertThat(r.flagged()).containsExactly(Map.entry(key(CLIENT, 40000, RESOLVER, 53), "tunnel"));
    }

    @Test
    void oneQueryFewerThanTheThresholdIsNot() {
        DetectorRun r = run(new DetectorConfig());
        queries(r, 99, 120, 200);
        assertThat(r.flagged()).isEmpty();
    }

    @Test
    void ordinaryLookupsAreLeftAloneHoweverMany() {
        DetectorRun r = run(new DetectorConfig());
        queries(r, 1000, 40, 120);
        assertThat(r.flagged()).isEmpty();
    }

    @Test
    void largeAnswersAloneMarkATunnel() {
        DetectorRun small = run(new DetectorConfig());
        queries(small, 200, 40, 599);
        assertThat(small.flagged()).isEmpty();
        DetectorRun large = run(new DetectorConfig());
        queries(large, 200, 40, 600);
        assertThat(large.flagged()).hasSize(1).containsValue("tunnel");
    }

    /** A resolver relays each query of the tunnel from a new port: counted per pair, every relayed flow is covered. */
    @Test
    void aResolverRelayingTheTunnelFromNewPortsIsCaughtFlowByFlow() {
        DetectorRun r = run(new DetectorConfig());
        for (int i = 0; i < 160; i++) {
            long t = i * 300 * MS;
            r.add(udp(t, RESOLVER, 50000 + i, "192.0.2.81", 53, 150));
            r.add(udp(t + 3 * MS, "192.0.2.81", 53, RESOLVER, 50000 + i, 300));
        }
        // Another server of the resolver, ordinary lookups: not covered.
        r.add(udp(10 * S, RESOLVER, 49000, "192.0.2.1", 53, 40));
        r.add(udp(10 * S + 3 * MS, "192.0.2.1", 53, RESOLVER, 49000, 80));
        assertThat(r.flagged()).hasSize(160).containsKey(key(RESOLVER, 50000, "192.0.2.81", 53))
                .containsKey(key(RESOLVER, 50159, "192.0.2.81", 53)).doesNotContainKey(key(RESOLVER, 49000, "192.0.2.1", 53));
        assertThat(r.flows()).isEqualTo(161);
    }

    @Test
    void multicastNameQueriesAreLeftAlone() {
        DetectorRun r = run(new DetectorConfig());
        for (int i = 0; i < 300; i++) {
            r.add(udp(i * 100 * MS, CLIENT, 53, "224.0.0.251", 53, 300));
        }
        assertThat(r.flagged()).isEmpty();
    }

    private static void echo(DetectorRun r, long t, String src, String dst, int ident, int request, int reply) {
        r.add(icmp(t, src, dst, 8, ident, request));
        if (reply >= 0) {
            r.add(icmp(t + 2 * MS, dst, src, 0, ident, reply));
        }
    }

    private static DecodedPacket icmp(long t, String src, String dst, int type, int ident, int payload) {
        DecodedPacket p = Packets.icmp(t, src, dst, type, 0, 42 + payload);
        // As the decoder keys echo: a request is (identifier, 8), its reply the reverse.
        p.srcPort = type == 8 ? ident : 8;
        p.dstPort = type == 8 ? 8 : ident;
        return Packets.payload(p, 8, payload);
    }

    @Test
    void echoRequestsOfChangingSizesAnsweredAreATunnelOverSeveralIdentifiers() {
        DetectorRun r = run(new DetectorConfig());
        for (int i = 0; i < 100; i++) {
            echo(r, i * 200 * MS, CLIENT, PEER, i < 60 ? 0x4242 : 0x4343, 40 + (i * 211) % 961, 64);
        }
        assertThat(r.flagged()).containsOnlyKeys(key(CLIENT, 0x4242, PEER, 8), key(CLIENT, 0x4343, PEER, 8))
                .containsValue("tunnel");
        assertThat(r.flows()).isEqualTo(2);
    }

    @Test
    void ninetyNineRequestsAreTooFew() {
        DetectorRun r = run(new DetectorConfig());
        for (int i = 0; i < 99; i++) {
            echo(r, i * 200 * MS, CLIENT, PEER, 0x4242, 40 + (i * 211) % 961, 64);
        }
        assertThat(r.flagged()).isEmpty();
    }

    @Test
    void anOrdinaryPingOfOneSizeIsLeftAloneHoweverLong() {
        DetectorRun linux = run(new DetectorConfig());
        DetectorRun windows = run(new DetectorConfig());
        for (int i = 0; i < 600; i++) {
            echo(linux, i * S, CLIENT, PEER, 0x0101, 56, 56);
            echo(windows, i * S, CLIENT, PEER, 0x0001, 32, 32);
        }
        assertThat(linux.flagged()).isEmpty();
        assertThat(windows.flagged()).isEmpty();
    }

    @Test
    void largeEchoPayloadsAloneMarkATunnelWhenTheRepliesCarryOtherData() {
        DetectorRun answered = run(new DetectorConfig());
        DetectorRun unanswered = run(new DetectorConfig());
        DetectorRun mirrored = run(new DetectorConfig());
        for (int i = 0; i < 120; i++) {
            echo(answered, i * 200 * MS, CLIENT, PEER, 0x4242, 1000, 300);
            echo(unanswered, i * 200 * MS, CLIENT, PEER, 0x4242, 1000, -1);
            echo(mirrored, i * 200 * MS, CLIENT, PEER, 0x4242, 1000, 1000); // ping -s 1000, or a ping flood
        }
        assertThat(answered.flagged()).hasSize(1).containsValue("tunnel");
        assertThat(unanswered.flagged()).isEmpty();
        assertThat(mirrored.flagged()).isEmpty();
    }

    @Test
    void aShortSeriesOfProbesOfChangingSizesIsLeftAlone() {
        DetectorRun r = run(new DetectorConfig());
        for (int i = 0; i < 30; i++) {
            echo(r, i * 100 * MS, CLIENT, PEER, 0x0202, 1472 - 10 * i, 1472 - 10 * i);
        }
        assertThat(r.flagged()).isEmpty();
    }

    /** After an idle gap longer than the flow timeout, the tunnel's next flow may begin with the server's reply. */
    @Test
    void aTunnelFlowThatBeganWithAReplyCountsForItsClient() {
        DetectorRun r = run(new DetectorConfig());
        r.add(icmp(0, PEER, CLIENT, 0, 0x4242, 300));
        for (int i = 0; i < 100; i++) {
            echo(r, (i + 1) * 200 * MS, CLIENT, PEER, 0x4242, 40 + (i * 211) % 961, 64);
        }
        assertThat(r.flagged()).containsExactly(Map.entry(key(PEER, 8, CLIENT, 0x4242), "tunnel"));
        assertThat(r.flows()).isEqualTo(1);
    }

    @Test
    void aDnsFlowThatBeganWithAnAnswerCountsForItsClient() {
        DetectorRun r = run(new DetectorConfig());
        r.add(udp(0, RESOLVER, 53, CLIENT, 40000, 300));
        queries(r, 100, 120, 200);
        assertThat(r.flagged()).containsExactly(Map.entry(key(RESOLVER, 53, CLIENT, 40000), "tunnel"));
        assertThat(r.flows()).isEqualTo(1);
    }

    @Test
    void icmpv6EchoCountsAlike() {
        DetectorRun r = run(new DetectorConfig());
        for (int i = 0; i < 100; i++) {
            long t = i * 200 * MS;
            DecodedPacket request = Packets.ipv6(icmp(t, CLIENT, PEER, 128, 0x4242, 40 + (i * 211) % 961), "2001:db8::5", "2001:db8::9");
            request.protocol = DecodedPacket.ICMPV6;
            request.srcPort = 0x4242;
            request.dstPort = 128;
            DecodedPacket reply = Packets.ipv6(icmp(t + 2 * MS, PEER, CLIENT, 129, 0x4242, 64), "2001:db8::9", "2001:db8::5");
            reply.protocol = DecodedPacket.ICMPV6;
            reply.srcPort = 128;
            reply.dstPort = 0x4242;
            r.add(request);
            r.add(reply);
        }
        assertThat(r.flagged()).hasSize(1).containsValue("tunnel");
        assertThat(r.flows()).isEqualTo(1);
    }

    /**
     * resolver_cookies.pcap (fixtures/make-resolver-cookies.sh, the corpus lab): BIND on 10.88.0.54
     * forwarding 120 lookups of a client (10.88.0.21) to one upstream, 10.88.0.82. By tshark
     * ({@code dns.flags.response==0}, {@code -z conv,udp}): 244 UDP flows; the resolver sent 124
     * queries to the upstream, 76.06 bytes of payload on average (names of 19.06 characters, an
     * EDNS record with client and server cookies), the client 120 of 60.10 bytes. Measured to the
     * end of the question, the resolver's queries are 37.06 bytes: lookups, no tunnel. Before
     * queries were measured so, the resolver's 124 flows were flagged.
     */
    @Test
    void aResolverForwardingWithCookiesToOneUpstreamIsNoTunnel() throws java.io.IOException {
        DetectorRun r = run(new DetectorConfig());
        r.read("resolver_cookies.pcap");
        Map<String, String> flagged = r.flagged();
        assertThat(r.flows()).isEqualTo(244);
        assertThat(flagged).isEmpty();
    }

    /**
     * icmp_ptunnel.pcap (fixtures/make-ptunnel-capture.sh; tshark icmp.type, icmp.ident): ptunnel-ng
     * fetching 100 KB, 3 echo requests from 10.98.0.1 and 106 replies from 10.98.0.2 (97 of them
     * 1,052 bytes of data); and a ping from 10.98.0.3 to the same server, 100 requests of 500 bytes,
     * each mirrored once.
     */
    @Test
    void aTunnelWhoseServerSendsRepliesOfItsOwnIsFlaggedAndAMirroredPingIsNot() throws java.io.IOException {
        DetectorRun r = run(new DetectorConfig());
        r.read("icmp_ptunnel.pcap");
        Map<String, String> flagged = r.flagged();
        assertThat(flagged).hasSize(1).containsValue("tunnel");
        assertThat(flagged.keySet().iterator().next()).startsWith("10.98.0.1:").contains(">10.98.0.2:");
        assertThat(r.flows()).isEqualTo(2);
    }

    @Test
    void repliesOutnumberingRequestsNeedTwiceTheRequestsAndAHundredReplies() {
        DetectorRun tunnel = run(new DetectorConfig());
        DetectorRun fewer = run(new DetectorConfig());
        DetectorRun notTwice = run(new DetectorConfig());
        fewer.add(icmp(0, CLIENT, PEER, 8, 0x4242, 28));
        for (int i = 0; i < 100; i++) {
            long t = i * 50 * MS;
            if (i % 2 == 0) {
                tunnel.add(icmp(t, CLIENT, PEER, 8, 0x4242, 28));
            }
            tunnel.add(icmp(t + MS, PEER, CLIENT, 0, 0x4242, 1024));
            if (i > 0) {
                fewer.add(icmp(t + MS, PEER, CLIENT, 0, 0x4242, 1024));
            }
            if (i % 2 == 0 || i == 1) {
                notTwice.add(icmp(t, CLIENT, PEER, 8, 0x4242, 28));
            }
            notTwice.add(icmp(t + MS, PEER, CLIENT, 0, 0x4242, 1024));
        }
        assertThat(tunnel.flagged()).containsOnlyKeys(key(CLIENT, 0x4242, PEER, 8)).containsValue("tunnel");
        assertThat(fewer.flagged()).isEmpty(); // 99 replies
        assertThat(notTwice.flagged()).isEmpty(); // 100 replies to 51 requests
    }
}
