package org.flowmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.detect.DetectorRun.MS;
import static org.flowmeter.detect.DetectorRun.S;

import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Packets;
import org.junit.jupiter.api.Test;

class LinkFloodDetectorTest {
    private static final int ROUTER_ADVERTISEMENT = 134;
    private static final int NEIGHBOUR_SOLICITATION = 135;
    private static final int NEIGHBOUR_ADVERTISEMENT = 136;
    private static final int MLD_REPORT_V2 = 143;

    private static DetectorRun run() {
        return new DetectorRun(new DetectorConfig(), LinkFloodDetector.NAME);
    }

    /** A link-local source per index, as flood tools make them up. */
    private static String source(int i) {
        return "fe80::200:ff:fe00:" + Integer.toHexString(i + 1);
    }

    /** An ICMPv6 message that is not a query: ports as the decoder gives them (0, type << 8 | code). */
    static DecodedPacket icmpv6(long t, String src, String dst, int type) {
        DecodedPacket p = Packets.payload(Packets.ipv6(Packets.udp(t, "0.0.0.0", 0, "0.0.0.0", type << 8, 110), src, dst),
                8, 56);
        p.protocol = DecodedPacket.ICMPV6;
        p.icmpType = type;
        p.icmpCode = 0;
        return p;
    }

    static DecodedPacket udp6(long t, String src, int sport, String dst, int dport) {
        return Packets.payload(Packets.ipv6(Packets.udp(t, "0.0.0.0", sport, "0.0.0.0", dport, 110), src, dst), 8, 48);
    }

    @Test
    void routerAdvertisementsFromTenMadeUpRoutersAreAFlood() {
        DetectorRun r = run();
        for (int i = 0; i < 10; i++) {
            r.add(icmpv6(i * 3 * MS, source(i), "ff02::1", ROUTER_ADVERTISEMENT));
        }
        r.add(icmpv6(5 * MS, source(0), "ff02::1", NEIGHBOUR_ADVERTISEMENT)); // another message type: not
        assertThat(r.flagged()).hasSize(10).containsValue(LinkFloodDetector.NAME)
                .containsKey(DetectorRun.key(source(0), 0, "ff02::1", ROUTER_ADVERTISEMENT << 8));
    }

    @Test
    void nineRoutersAndOneRouterAdvertisingOftenAreLeftAlone() {
        DetectorRun r = run();
        for (int i = 0; i < 9; i++) {
            r.add(icmpv6(i * 3 * MS, source(i), "ff02::1", ROUTER_ADVERTISEMENT));
        }
        for (int i = 0; i < 100; i++) {
            r.add(icmpv6(S + i * 100 * MS, source(0), "ff02::1", ROUTER_ADVERTISEMENT)); // one of the nine
        }
        assertThat(r.flagged()).isEmpty();
    }

    @Test
    void neighbourAdvertisementsFromFiveHundredSourcesAreAFloodAndFourHundredNinetyNineAreNot() {
        DetectorRun flood = run();
        DetectorRun below = run();
        for (int i = 0; i < 500; i++) {
            flood.add(icmpv6(i * MS, source(i), "ff02::1", NEIGHBOUR_ADVERTISEMENT));
            if (i < 499) {
                below.add(icmpv6(i * MS, source(i), "ff02::1", NEIGHBOUR_ADVERTISEMENT));
            }
        }
        assertThat(flood.flagged()).hasSize(500);
        assertThat(below.flagged()).isEmpty();
    }

    @Test
    void dhcpv6SolicitsFromManyClientsAreAFlood() {
        DetectorRun r = run();
        for (int i = 0; i < 600; i++) {
            r.add(udp6(i * MS, source(i), 546, "ff02::1:2", 547));
        }
        assertThat(r.flagged()).hasSize(600).containsValue(LinkFloodDetector.NAME);
    }

    /** 400 hosts answering an MLD query within its 10 s response delay, twice each. */
    @Test
    void aLinkAnsweringAnMldQueryIsLeftAlone() {
        DetectorRun r = run();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 400; i++) {
                r.add(icmpv6(round * 125 * S + i * 25 * MS, source(i), "ff02::16", MLD_REPORT_V2));
            }
        }
        assertThat(r.flagged()).isEmpty();
    }

    /** Pings to all nodes, mDNS and SSDP from many hosts are not link control messages. */
    @Test
    void echoAndMulticastDataFromManySourcesAreNotCounted() {
        DetectorRun r = run();
        for (int i = 0; i < 600; i++) {
            DecodedPacket echo = icmpv6(i * MS, source(i), "ff02::1", 0);
            echo.srcPort = 7;
            echo.dstPort = 128;
            r.add(echo);
            r.add(udp6(i * MS, source(i), 5353, "ff02::fb", 5353));
            r.add(udp6(i * MS, source(i), 40000, "ff02::c", 1900));
        }
        assertThat(r.flagged()).isEmpty();
    }

    /** 600 advertising sources, one every 2 s: never 500 within the window and the one before it. */
    @Test
    void sourcesSpreadOverTwentyMinutesAreNotAFlood() {
        DetectorRun r = run();
        for (int i = 0; i < 600; i++) {
            r.add(icmpv6(i * 2 * S, source(i), "ff02::1", NEIGHBOUR_ADVERTISEMENT));
        }
        assertThat(r.flagged()).isEmpty();
    }

    @Test
    void theThresholdsAreSettings() {
        DetectorConfig config = new DetectorConfig();
        config.linkFloodRouterSources = 3;
        config.linkFloodSources = 5;
        DetectorRun r = new DetectorRun(config, LinkFloodDetector.NAME);
        for (int i = 0; i < 3; i++) {
            r.add(icmpv6(i * MS, source(i), "ff02::1", ROUTER_ADVERTISEMENT));
        }
        for (int i = 0; i < 4; i++) {
            r.add(icmpv6(i * MS, source(i), "ff02::1", NEIGHBOUR_ADVERTISEMENT));
        }
        assertThat(r.flagged()).hasSize(3);
    }
    /**
     * flood_solicitate6 sends its solicitations to all nodes, which no host does: 10 sources are a
     * flood there. 400 hosts resolving one neighbour through its solicited-node group are not.
     */
    @Test
    void solicitationsToAllNodesFromTenSourcesAreAFloodAndToASolicitedNodeGroupFromManyAreNot() {
        DetectorRun r = run();
        for (int i = 0; i < 10; i++) {
            r.add(icmpv6(i * MS, source(i), "ff02::1", NEIGHBOUR_SOLICITATION));
        }
        for (int i = 0; i < 400; i++) {
            r.add(icmpv6(i * 25 * MS, source(i), "ff02::1:ff00:1", NEIGHBOUR_SOLICITATION));
        }
        assertThat(r.flagged()).hasSize(10).allSatisfy((flow, by) -> assertThat(flow).endsWith(">ff02::1:" + (NEIGHBOUR_SOLICITATION << 8)));
    }
}
