package org.flowmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.decode.DecodedPacket.SYN;
import static org.flowmeter.detect.DetectorRun.MS;
import static org.flowmeter.detect.DetectorRun.S;
import static org.flowmeter.detect.DetectorRun.key;

import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Packets;
import org.junit.jupiter.api.Test;

class FloodDetectorTest {
    private static final String ATTACKER = "10.0.0.66";
    private static final long US = 1000L;
    private static final String VICTIM = "10.0.0.10";

    private static DetectorRun run() {
        return new DetectorRun(new DetectorConfig(), FloodDetector.NAME);
    }

    /** {@code n} DNS queries, each from a new port and answered, 5 ms apart. */
    private static void dnsQueries(DetectorRun r, String src, int n) {
        for (int i = 0; i < n; i++) {
            long t = i * 5 * MS;
            r.add(DetectorRun.udp(t, src, 10000 + i, VICTIM, 53, 40));
            r.add(DetectorRun.udp(t + MS, VICTIM, 53, src, 10000 + i, 120));
        }
    }

    @Test
    void aDnsQueryFloodOf2000FlowsIsFlaggedWhole() {
        DetectorRun r = run();
        dnsQueries(r, ATTACKER, 2000);
        r.session(3 * S, "10.0.0.5", 50000, VICTIM, 80, 300, 4000); // another client of the server
        Map<String, String> flagged = r.flagged();
        assertThat(flagged).hasSize(2000).containsEntry(key(ATTACKER, 10000, VICTIM, 53), "flood")
                .containsEntry(key(ATTACKER, 11999, VICTIM, 53), "flood")
                .doesNotContainKey(key("10.0.0.5", 50000, VICTIM, 80));
    }

    @Test
    void oneFlowFewerIsBelowTheThreshold() {
        DetectorRun r = run();
        dnsQueries(r, ATTACKER, 1999);
        assertThat(r.flagged()).isEmpty();
    }

    @Test
    void aSynFloodFromOneSourceIsFlagged() {
        DetectorRun r = run();
        for (int i = 0; i < 2500; i++) {
            r.add(DetectorRun.tcp(i * MS, ATTACKER, 1024 + i, VICTIM, 80, SYN, 0));
        }
        assertThat(r.flagged()).hasSize(2500).containsValue("flood");
    }

    @Test
    void aUdpFloodInOneFlowIsFlaggedByItsPacketRate() {
        DetectorRun r = run();
        for (int i = 0; i < 10_000; i++) {
            r.add(DetectorRun.udp(i * 100_000L, ATTACKER, 4444, VICTIM, 9, 1000)); // 10,000 packets/s
        }
        assertThat(r.flagged()).containsOnlyKeys(key(ATTACKER, 4444, VICTIM, 9));
    }

    /** hping3 --udp -k at 590 packets/s and ping -f at about 1200/s, answered: thousands of packets in one flow. */
    @Test
    void smallerVolumeFloodsInOneFlowAreFlaggedAndOnePacketFewerOrSlowerIsNot() {
        DetectorRun udp = run();
        for (int i = 0; i < 2000; i++) {
            udp.add(DetectorRun.udp(i * 1_694_000L, ATTACKER, 33000, VICTIM, 5060, 400)); // 590/s
        }
        assertThat(udp.flagged()).containsOnlyKeys(key(ATTACKER, 33000, VICTIM, 5060));

        DetectorRun fewer = run();
        for (int i = 0; i < 1999; i++) {
            fewer.add(DetectorRun.udp(i * 1_694_000L, ATTACKER, 33000, VICTIM, 5060, 400));
        }
        assertThat(fewer.flagged()).isEmpty();

        DetectorRun slower = run();
        for (int i = 0; i < 3000; i++) {
            slower.add(DetectorRun.udp(i * 2_100_000L, ATTACKER, 33000, VICTIM, 5060, 400)); // 476/s
        }
        assertThat(slower.flagged()).isEmpty();

        DetectorRun ping = run();
        for (int i = 0; i < 2000; i++) {
            ping.add(Packets.icmp(i * 846 * US, ATTACKER, VICTIM, 8, 0, 98));
            ping.add(Packets.icmp(i * 846 * US + 200 * US, VICTIM, ATTACKER, 0, 0, 98));
        }
        assertThat(ping.flagged()).hasSize(1);
    }

    /** dnsperf: a few sockets, each sending over a thousand queries at about 60 a second, all answered. */
    @Test
    void aDnsQueryFloodOverOneSocketIsFlaggedButAClientsFewQueriesAreNot() {
        DetectorRun r = run();
        for (int i = 0; i < 500; i++) {
            long t = i * 16 * MS; // 62 queries/s
            r.add(DetectorRun.udp(t, ATTACKER, 44988, VICTIM, 53, 40));
            r.add(DetectorRun.udp(t + MS, VICTIM, 53, ATTACKER, 44988, 120));
        }
        for (int i = 0; i < 499; i++) { // one query fewer from another host
            long t = i * 16 * MS;
            r.add(DetectorRun.udp(t, "10.0.0.5", 44988, VICTIM, 53, 40));
            r.add(DetectorRun.udp(t + MS, VICTIM, 53, "10.0.0.5", 44988, 120));
        }
        assertThat(r.flagged()).containsOnlyKeys(key(ATTACKER, 44988, VICTIM, 53));
    }

    @Test
    void aLoadTestAndASteadyOneWayStreamAreLeftAlone() {
        DetectorRun r = run();
        for (int c = 0; c < 4; c++) { // ab -k -c 4: four kept connections, 750 requests each
            int port = 20000 + c;
            long t0 = c * MS;
            r.add(DetectorRun.tcp(t0, "10.0.0.5", port, VICTIM, 80, SYN, 0));
            r.add(DetectorRun.tcp(t0 + 100 * US, VICTIM, 80, "10.0.0.5", port, SYN | DecodedPacket.ACK, 0));
            for (int i = 0; i < 750; i++) {
                long t = t0 + (i + 1) * 8 * MS;
                r.add(DetectorRun.tcp(t, "10.0.0.5", port, VICTIM, 80, DecodedPacket.PSH | DecodedPacket.ACK, 120));
                r.add(DetectorRun.tcp(t + 200 * US, VICTIM, 80, "10.0.0.5", port, DecodedPacket.PSH | DecodedPacket.ACK, 5000));
            }
        }
        for (int i = 0; i < 12_000; i++) {
            r.add(DetectorRun.udp(i * 20 * MS, "10.0.0.6", 5004, VICTIM, 5004, 172)); // 50 packets/s of voice
        }
        assertThat(r.flagged()).isEmpty();
        assertThat(r.flows()).isEqualTo(5);
    }
    /**
     * smurf6: echo requests to all nodes with the victim's address as source, 2000 at 1000 a
     * second in one flow; flood_rs6: router solicitations from one source. A multicast video
     * stream (UDP) at that rate, and 1999 solicitations, are left alone.
     */
    @Test
    void oneIcmpFlowToAGroupAtAFloodsRateIsFlaggedAndAGroupsUdpStreamIsNot() {
        DetectorRun smurf = run();
        DetectorRun solicitations = run();
        DetectorRun fewer = run();
        DetectorRun video = run();
        for (int i = 0; i < 2000; i++) {
            DecodedPacket echo = Packets.ipv6(Packets.icmp(i * MS, "0.0.0.0", "0.0.0.0", 128, 0, 1294), "2001:db8:6::10",
                    "ff02::1");
            echo.protocol = DecodedPacket.ICMPV6;
            echo.srcPort = 0x4242;
            echo.dstPort = 128;
            smurf.add(echo);
            solicitations.add(LinkFloodDetectorTest.icmpv6(i * MS, "fe80::66", "ff02::2", 133));
            if (i > 0) {
                fewer.add(LinkFloodDetectorTest.icmpv6(i * MS, "fe80::66", "ff02::2", 133));
            }
            video.add(LinkFloodDetectorTest.udp6(i * MS, "2001:db8:6::20", 5004, "ff0e::101", 5004));
        }
        assertThat(smurf.flagged()).containsOnlyKeys(key("2001:db8:6::10", 0x4242, "ff02::1", 128)).containsValue("flood");
        assertThat(solicitations.flagged()).hasSize(1);
        assertThat(fewer.flagged()).isEmpty();
        assertThat(video.flagged()).isEmpty();
    }

    /**
     * fixtures/make-empty-floods.sh: nping floods whose packets carry nothing, unanswered, slower
     * than 500 a second. empty_floods.pcap (tshark conv,udp and conv,tcp): 2,010 empty UDP
     * datagrams (udp.length 8) from 10.99.0.1:53 to 10.99.0.50:5060 in 17.81 s (113 a second), and
     * 2,010 PSH+URG segments without payload from 10.99.0.1:39073 to 10.99.0.51:80 in 16.84 s (119
     * a second); icmp_timestamp_flood.pcap: 2,010 timestamp requests (icmp.type 13) to 10.99.0.52
     * in 14.52 s (138 a second). Each is one flow.
     */
    @Test
    void floodsOfEmptyPacketsAtAHundredOrSoASecondAreFlagged() throws java.io.IOException {
        DetectorRun floods = run();
        floods.read("empty_floods.pcap");
        assertThat(floods.flagged()).containsOnlyKeys(key("10.99.0.1", 53, "10.99.0.50", 5060),
                key("10.99.0.1", 39073, "10.99.0.51", 80)).containsValue("flood");
        DetectorRun timestamps = run();
        timestamps.read("icmp_timestamp_flood.pcap");
        assertThat(timestamps.flagged()).hasSize(1).containsValue("flood");
        assertThat(timestamps.flows()).isEqualTo(1);
    }

    /**
     * udp_metrics_stream.pcap (fixtures/make-empty-floods.sh): 2,010 one-way datagrams of
     * counters (19-27 bytes of payload) from 10.99.0.1:50754 to 10.99.0.50:8125 in 10.05 s (200 a
     * second), and 15 unanswered pings one a second: data at a flood's count but below 500 a second,
     * and a slow ping.
     */
    @Test
    void aOneWayStreamOfDataAndASlowPingAreLeftAlone() throws java.io.IOException {
        DetectorRun r = run();
        r.read("udp_metrics_stream.pcap");
        assertThat(r.flagged()).isEmpty();
        assertThat(r.flows()).isEqualTo(2);
    }

    /** Empty packets at a hundred a second: the 2000th packet makes the flood; 99 a second does not. */
    @Test
    void emptyDatagramsNeedTheirCountAndAHundredASecond() {
        DetectorRun flood = run();
        DetectorRun fewer = run();
        DetectorRun slower = run();
        DetectorRun withData = run();
        for (int i = 0; i < 2000; i++) {
            flood.add(DetectorRun.udp(i * 9_990_000L, ATTACKER, 53, VICTIM, 5060, 0)); // 100.1 a second
            if (i > 0) {
                fewer.add(DetectorRun.udp(i * 9_990_000L, ATTACKER, 53, VICTIM, 5060, 0));
            }
            slower.add(DetectorRun.udp(i * 10_110_000L, ATTACKER, 53, VICTIM, 5060, 0)); // 98.9 a second
            withData.add(DetectorRun.udp(i * 9_990_000L, ATTACKER, 53, VICTIM, 5060, 1));
        }
        assertThat(flood.flagged()).containsOnlyKeys(key(ATTACKER, 53, VICTIM, 5060));
        assertThat(fewer.flagged()).isEmpty();
        assertThat(slower.flagged()).isEmpty();
        assertThat(withData.flagged()).isEmpty();
    }

    /**
     * {@code n} connections to port 80, one every {@code gapMicros}, each open {@code openMillis}
     * (one request, one answer, FINs); request sizes from {@code size}.
     */
    private static void connections(DetectorRun r, int n, long gapMicros, long openMillis, IntUnaryOperator size) {
        for (int i = 0; i < n; i++) {
            long t = i * gapMicros * US;
            int port = 10000 + i;
            long open = openMillis * MS;
            r.add(DetectorRun.tcp(t, ATTACKER, port, VICTIM, 80, SYN, 0));
            r.add(DetectorRun.tcp(t + open / 8, VICTIM, 80, ATTACKER, port, SYN | DecodedPacket.ACK, 0));
            r.add(DetectorRun.tcp(t + open / 4, ATTACKER, port, VICTIM, 80, DecodedPacket.PSH | DecodedPacket.ACK, size.applyAsInt(i)));
            r.add(DetectorRun.tcp(t + open / 2, VICTIM, 80, ATTACKER, port, DecodedPacket.PSH | DecodedPacket.ACK, 600));
            r.add(DetectorRun.tcp(t + open * 3 / 4, ATTACKER, port, VICTIM, 80, DecodedPacket.FIN | DecodedPacket.ACK, 0));
            r.add(DetectorRun.tcp(t + open, VICTIM, 80, ATTACKER, port, DecodedPacket.FIN | DecodedPacket.ACK, 0));
        }
    }

    @Test
    void aConnectionPerRepeatedRequestManyAtOnceIsAFloodFrom2000Connections() {
        DetectorRun flood = run(); // siege -b -c 100: one page asked for again and again, 40 connections open at once
        connections(flood, 2000, 5000, 200, i -> 120);
        flood.session(5 * S, "10.0.0.5", 50000, VICTIM, 80, 300, 4000); // another client of the server
        assertThat(flood.flagged()).hasSize(2000).containsEntry(key(ATTACKER, 10000, VICTIM, 80), "flood")
                .containsEntry(key(ATTACKER, 11999, VICTIM, 80), "flood")
                .doesNotContainKey(key("10.0.0.5", 50000, VICTIM, 80));

        DetectorRun fewer = run();
        connections(fewer, 1999, 5000, 200, i -> 120);
        assertThat(fewer.flagged()).isEmpty();
    }

    @Test
    void aBenchmarkOverTwoConnectionsAtATimeIsNoFlood() {
        DetectorRun r = run(); // wrk -c2 with Connection: close: 2000 alike connections, 2 open at once
        connections(r, 2000, 500, 1, i -> 120);
        assertThat(r.flagged()).isEmpty();

        DetectorRun fifteen = run(); // 15 at once: under the 16 of a flood
        connections(fifteen, 2000, 5000, 75, i -> 120);
        assertThat(fifteen.flagged()).isEmpty();
    }

    @Test
    void aProxyAskingOneBackendForDifferentPagesIsNoFlood() {
        DetectorRun proxy = run(); // nginx to its backend without keep-alive: one connection per request
        connections(proxy, 2000, 5000, 200, i -> 100 + i % 7 * 13);
        assertThat(proxy.flagged()).isEmpty();

        DetectorRun mostlyAlike = run(); // 1 request in 8 differs: 87.5 % alike, under 90 %
        connections(mostlyAlike, 2000, 5000, 200, i -> i % 8 == 0 ? 200 + i % 3 : 120);
        assertThat(mostlyAlike.flagged()).isEmpty();
    }
}
