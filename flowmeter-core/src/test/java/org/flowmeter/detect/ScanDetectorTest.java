package org.flowmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.detect.DetectorRun.MS;
import static org.flowmeter.detect.DetectorRun.S;
import static org.flowmeter.detect.DetectorRun.key;

import java.util.Map;
import java.util.TreeMap;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.flow.Packets;
import org.flowmeter.pcap.LinkType;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.api.Test;

class ScanDetectorTest {
    private static final String SCANNER = "10.0.0.66";

    private static DetectorRun run() {
        return new DetectorRun(new DetectorConfig(), ScanDetector.NAME);
    }

    @Test
    void horizontalSynScanFlagsEveryProbeIncludingThoseBeforeTheThreshold() {
        DetectorRun r = run();
        Map<String, String> expected = new TreeMap<>();
        for (int i = 1; i <= 25; i++) {
            r.refused(i * S, SCANNER, 40000 + i, "10.0.1." + i, 80);
            expected.put(key(SCANNER, 40000 + i, "10.0.1." + i, 80), "scan");
        }
        r.session(3 * S + 500 * MS, "10.0.0.5", 50000, "10.0.1.1", 80, 300, 5000); // a client nearby
        assertThat(r.flagged()).isEqualTo(expected);
    }

    @Test
    void twentyFourHostsAreBelowTheThreshold() {
        DetectorRun r = run();
        for (int i = 1; i <= 24; i++) {
            r.refused(i * S, SCANNER, 40000 + i, "10.0.1." + i, 80);
        }
        assertThat(r.flagged()).isEmpty();
        assertThat(r.flows()).isEqualTo(24);
    }

    @Test
    void verticalScanOfFifteenPortsFlagsTheFlowsBetweenTheTwoHostsOnly() {
        DetectorRun r = run();
        Map<String, String> expected = new TreeMap<>();
        for (int port = 1; port <= 15; port++) {
            r.refused(port * 100 * MS, SCANNER, 40000, "10.0.0.10", port);
            expected.put(key(SCANNER, 40000, "10.0.0.10", port), "scan");
        }
        r.refused(2 * S, SCANNER, 40000, "10.0.0.11", 1); // another host, one port
        assertThat(r.flagged()).isEqualTo(expected);
    }

    @Test
    void fourteenPortsAreBelowTheThresholdWhenTheTwoHostsAlsoTalk() {
        DetectorRun r = run();
        for (int port = 1; port <= 14; port++) {
            r.refused(port * 100 * MS, SCANNER, 40000, "10.0.0.10", port);
        }
        r.session(200 * S, "10.0.0.10", 50000, SCANNER, 443, 300, 5000); // the host used a service of the source
        assertThat(r.flagged()).isEmpty();
    }

    @Test
    void eightServicesProbedSlowlyWithoutContactAreAScanAndSevenAreNot() {
        DetectorRun eight = run(); // one probe every 4 s (nmap --scan-delay 4s), a ping answered before
        eight.add(Packets.payload(Packets.icmp(0, SCANNER, "10.0.0.10", 8, 0, 98), 8, 56));
        eight.add(Packets.payload(Packets.icmp(MS, "10.0.0.10", SCANNER, 0, 0, 98), 8, 56));
        Map<String, String> expected = new TreeMap<>();
        for (int i = 1; i <= 8; i++) {
            eight.refused(i * 4 * S, SCANNER, 40000 + i, "10.0.0.10", 20 + i);
            expected.put(key(SCANNER, 40000 + i, "10.0.0.10", 20 + i), "scan");
        }
        eight.refused(5 * S, SCANNER, 41000, "10.0.0.11", 22); // another host, one port
        assertThat(eight.flagged()).isEqualTo(expected); // the ping, before the first probe, is not in the span

        DetectorRun seven = run();
        for (int i = 1; i <= 7; i++) {
            seven.refused(i * 4 * S, SCANNER, 40000 + i, "10.0.0.10", 20 + i);
        }
        assertThat(seven.flagged()).isEmpty();
    }

    /**
     * slow_scan_lo.pcap (fixtures/make-slow-scan.sh; tshark -z conv,tcp): 18 TCP connections, all
     * from 127.0.0.1. nmap's connect scan, one probe a second: 8 SYNs to 8 ports of 127.0.0.2, each
     * refused (2 frames). A client fetches a page from 127.0.0.3 (12 frames), then 8 connections to
     * 8 closed ports of it are refused, then it fetches the page again. Before a short scan without
     * contact counted, nothing was flagged.
     */
    @Test
    void aSlowScanOfEightPortsOnLoopbackIsFlaggedAndAClientOfTheHostItFailsAtIsNot() throws java.io.IOException {
        DetectorRun r = run();
        r.read("slow_scan_lo.pcap");
        Map<String, String> flagged = r.flagged();
        assertThat(r.flows()).isEqualTo(18);
        assertThat(flagged).hasSize(8).allSatisfy((flow, by) -> {
            assertThat(flow).startsWith("127.0.0.1:").contains(">127.0.0.2:");
            assertThat(by).isEqualTo("scan");
        });
    }

    @Test
    void checksOfEightServicesOfAHostThatIsDownAreNoScanAndOneRefusalMakesThemOne() {
        DetectorRun down = run(); // a monitor's checks of a host that is down: every SYN unanswered
        for (int i = 1; i <= 8; i++) {
            down.add(DetectorRun.tcp(i * 4 * S, "10.0.0.5", 40000 + i, "10.0.0.10", 20 + i, DecodedPacket.SYN, 0));
        }
        assertThat(down.flagged()).isEmpty();

        DetectorRun up = run(); // the same probes, but the host refuses the first: it is up, they are a scan
        up.refused(4 * S, "10.0.0.5", 40001, "10.0.0.10", 21);
        for (int i = 2; i <= 8; i++) {
            up.add(DetectorRun.tcp(i * 4 * S, "10.0.0.5", 40000 + i, "10.0.0.10", 20 + i, DecodedPacket.SYN, 0));
        }
        assertThat(up.flagged()).hasSize(8).containsValue("scan");
    }

    @Test
    void aClientFailingAtEightServicesOfAHostItUsesIsNoScan() {
        DetectorRun before = run(); // a client trying ports of a server whose web service it uses
        before.session(0, "10.0.0.5", 39999, "10.0.0.10", 80, 300, 5000);
        for (int i = 1; i <= 8; i++) {
            before.refused(i * 4 * S, "10.0.0.5", 40000 + i, "10.0.0.10", 8000 + i);
        }
        assertThat(before.flagged()).isEmpty();

        DetectorRun after = run(); // the contact may come after the failures, within the window
        for (int i = 1; i <= 8; i++) {
            after.refused(i * 4 * S, "10.0.0.5", 40000 + i, "10.0.0.10", 8000 + i);
        }
        after.session(200 * S, "10.0.0.5", 39999, "10.0.0.10", 80, 300, 5000);
        assertThat(after.flagged()).isEmpty();

        DetectorRun tooLate = run(); // ...but not after the window around them
        for (int i = 1; i <= 8; i++) {
            tooLate.refused(i * 4 * S, "10.0.0.5", 40000 + i, "10.0.0.10", 8000 + i);
        }
        tooLate.session(1300 * S, "10.0.0.5", 39999, "10.0.0.10", 80, 300, 5000);
        assertThat(tooLate.flagged()).hasSize(8);

        DetectorConfig off = new DetectorConfig();
        off.scanQuietPorts = 0;
        DetectorRun disabled = new DetectorRun(off, ScanDetector.NAME);
        for (int i = 1; i <= 14; i++) {
            disabled.refused(i * 4 * S, SCANNER, 40000 + i, "10.0.0.10", 20 + i);
        }
        assertThat(disabled.flagged()).isEmpty();
    }

    @Test
    void unansweredUdpAndIcmpProbesCount() {
        DetectorRun udp = run();
        for (int i = 1; i <= 25; i++) {
            udp.add(DetectorRun.udp(i * S, SCANNER, 53000, "10.0.2." + i, 161, 40));
        }
        assertThat(udp.flagged()).hasSize(25).containsValue("scan");

        DetectorRun ping = run();
        for (int i = 1; i <= 25; i++) {
            ping.add(Packets.icmp(i * S, SCANNER, "10.0.3." + i, 8, 0, 98));
        }
        // An answered ping amid the sweep lies in its span; one after the last probe does not.
        ping.add(Packets.icmp(12 * S + 500 * MS, SCANNER, "10.0.4.1", 8, 0, 98));
        ping.add(Packets.icmp(12 * S + 501 * MS, "10.0.4.1", SCANNER, 0, 0, 98));
        ping.add(Packets.icmp(30 * S, SCANNER, "10.0.4.2", 8, 0, 98));
        ping.add(Packets.icmp(30 * S + MS, "10.0.4.2", SCANNER, 0, 0, 98));
        assertThat(ping.flagged()).hasSize(26).containsKey(key(SCANNER, 0, "10.0.4.1", 0))
                .doesNotContainKey(key(SCANNER, 0, "10.0.4.2", 0));
    }

    @Test
    void aPeerToPeerClientFailingAtManyHostsEachOnItsOwnPortIsLeftAlone() {
        DetectorRun r = run();
        for (int i = 1; i <= 40; i++) {
            r.refused(i * S, "10.0.0.7", 30000 + i, "10.0.6." + i, 6000 + 17 * i);
        }
        assertThat(r.flagged()).isEmpty();
    }

    @Test
    void aPeerToPeerClientRetryingItsPeersOnOnePortIsLeftAloneButAWideSweepIsNot() {
        DetectorRun peer = run();
        for (int i = 0; i < 99 * 4; i++) { // 99 peers, four tries in a row each: 4 > 3 retries per target
            peer.refused(i * 100 * MS, "10.0.0.7", 30000 + i, "10.0.6." + (1 + i / 4), 6346);
        }
        assertThat(peer.flagged()).isEmpty();

        DetectorRun sweep = run();
        for (int i = 0; i < 100 * 4; i++) { // 100 hosts, four tries each: 100 targets is a scan anyway
            sweep.refused(i * 100 * MS, "10.0.0.7", 30000 + i, "10.0.6." + (1 + i / 4), 6346);
        }
        assertThat(sweep.flagged()).hasSize(400).containsValue("scan");

        DetectorRun retrying = run();
        for (int i = 0; i < 25 * 3; i++) { // 25 hosts, three tries each: a scan that retries
            retrying.refused(i * 100 * MS, "10.0.0.7", 30000 + i, "10.0.6." + (1 + i / 3), 445);
        }
        assertThat(retrying.flagged()).hasSize(75);
    }

    /**
     * A Gnutella client tries 40 peers from its host cache on port 6346 (once each, so the retry
     * rule does not tell it apart); two of them answer and exchange messages with it on that port.
     */
    private static DetectorRun peerSearch(int port, int peersThatTalk, long talkAt) {
        DetectorRun r = run();
        for (int i = 1; i <= 40; i++) {
            r.refused(i * S, "10.0.0.7", 30000 + i, "10.0.6." + i, port);
        }
        for (int i = 1; i <= peersThatTalk; i++) {
            r.session(talkAt + i * S, "10.0.0.7", 31000 + i, "10.0.7." + i, port, 22, 180);
        }
        return r;
    }

    @Test
    void aPeerToPeerClientSweepingOneHighPortIsLeftAloneWhenPeersTalkBackOnIt() {
        assertThat(peerSearch(6346, 2, 500 * MS).flagged()).isEmpty();
        // The peers answer after the threshold was crossed: the sweep still covers nothing.
        assertThat(peerSearch(6346, 2, 60 * S).flagged()).isEmpty();
    }

    @Test
    void aSweepIsAScanWithOneTalkingPeerOnAPrivilegedPortOrWithPeersOutsideTheWindow() {
        assertThat(peerSearch(6346, 0, 0).flagged()).hasSize(40).containsValue("scan");
        // The sweep covers the answered flows of its service in its span too (here the talks).
        assertThat(peerSearch(6346, 1, 500 * MS).flagged()).hasSize(41);
        // A worm that sweeps SMB, or RDP (an unprivileged service port), and talks to the hosts it
        // infects is a scan.
        assertThat(peerSearch(445, 2, 500 * MS).flagged()).hasSize(42);
        assertThat(peerSearch(3389, 2, 500 * MS).flagged()).hasSize(42);
        // Conversations more than two windows (5 min each) after the sweep say nothing about it.
        assertThat(peerSearch(6346, 2, 11 * 60 * S).flagged()).hasSize(40);
        // With the exemption off, the peer search is a scan.
        DetectorConfig strict = new DetectorConfig();
        strict.scanPeers = 0;
        DetectorRun r = new DetectorRun(strict, ScanDetector.NAME);
        for (int i = 1; i <= 40; i++) {
            r.refused(i * S, "10.0.0.7", 30000 + i, "10.0.6." + i, 6346);
        }
        r.session(50 * S, "10.0.0.7", 31001, "10.0.7.1", 6346, 22, 180);
        r.session(51 * S, "10.0.0.7", 31002, "10.0.7.2", 6346, 22, 180);
        assertThat(r.flagged()).hasSize(40);
    }

    @Test
    void aPeerToPeerUdpSearchIsLeftAloneButAVerticalScanByThePeerIsNot() {
        DetectorRun r = run();
        for (int i = 1; i <= 40; i++) {
            r.add(DetectorRun.udp(i * S, "10.0.0.7", 28681, "10.0.6." + i, 6346, 23));
        }
        for (int i = 1; i <= 3; i++) { // pings answered by pongs
            r.add(DetectorRun.udp(41 * S + i * S, "10.0.0.7", 28681, "10.0.7." + i, 6346, 23));
            r.add(DetectorRun.udp(41 * S + i * S + 30 * MS, "10.0.7." + i, 6346, "10.0.0.7", 28681, 37));
        }
        for (int port = 1; port <= 15; port++) { // the same host scans one of its peers' ports
            r.refused(100 * S + port * MS, "10.0.0.7", 40000, "10.0.7.1", port);
        }
        Map<String, String> flagged = r.flagged();
        assertThat(flagged).hasSize(15).containsKey(key("10.0.0.7", 40000, "10.0.7.1", 15))
                .doesNotContainKey(key("10.0.0.7", 28681, "10.0.6.1", 6346));
        assertThat(flagged.values()).containsOnly("scan");
    }

    @Test
    void aBusyClientOfManyServicesAndMulticastAreLeftAlone() {
        DetectorRun r = run();
        for (int i = 1; i <= 60; i++) {
            r.session(i * S, "10.0.0.5", 50000 + i, "10.0.5." + i, i % 2 == 0 ? 443 : 22, 500, 9000);
        }
        for (int i = 1; i <= 40; i++) {
            r.add(DetectorRun.udp(i * S, "10.0.0.5", 5353, "239.1.1." + i, 5353, 60));
        }
        r.add(DetectorRun.udp(50 * S, "10.0.0.5", 68, "255.255.255.255", 67, 300));
        assertThat(r.flagged()).isEmpty();
        assertThat(r.flows()).isEqualTo(101);
    }

    /**
     * A router resolving 30 addresses of its prefix (unicast neighbour solicitations, each answered
     * by an advertisement, which is a flow of its own), answering 30 hosts' solicitations, and
     * sending MLD reports and redirects: link control, no scan. The same router pinging 30 of them
     * unanswered is a sweep.
     */
    @Test
    void neighbourDiscoveryAndMldAtManyHostsAreLeftAloneButAnIcmpv6PingSweepIsNot() {
        String router = "2001:db8:1::1";
        DetectorRun r = run();
        int[] types = {130, 131, 132, 133, 134, 135, 136, 137, 143};
        for (int i = 1; i <= 30; i++) {
            String host = "2001:db8:1::" + Integer.toHexString(0x100 + i);
            for (int k = 0; k < types.length; k++) {
                r.add(LinkFloodDetectorTest.icmpv6(i * S + k * MS, router, host, types[k]));
            }
            r.add(LinkFloodDetectorTest.icmpv6(i * S + 20 * MS, host, router, 136));
        }
        assertThat(r.flagged()).isEmpty();
        assertThat(r.flows()).isEqualTo(30 * 10);

        DetectorRun ping = run();
        Map<String, String> expected = new TreeMap<>();
        for (int i = 1; i <= 30; i++) {
            String host = "2001:db8:1::" + Integer.toHexString(0x100 + i);
            DecodedPacket echo = LinkFloodDetectorTest.icmpv6(i * S, router, host, 128);
            echo.srcPort = 0; // the identifier, 0 as the link control messages' srcPort
            echo.dstPort = 128;
            ping.add(echo);
            expected.put(key(router, 0, host, 128), "scan");
        }
        assertThat(ping.flagged()).isEqualTo(expected);
    }

    /**
     * ICMPv4 router discovery (RFC 1256): a router answering 30 hosts' unicast solicitations
     * (type 10) with unicast advertisements (type 9), and a host soliciting 30 routers, nothing
     * answering either: link control, no scan. The same router pinging 30 hosts unanswered is a
     * sweep. Each message is built byte by byte and decoded, so it is keyed as in a capture.
     */
    @Test
    void icmpv4RouterDiscoveryAtManyHostsIsLeftAloneButAPingSweepIsNot() {
        String router = "10.0.9.1";
        DetectorRun r = run();
        for (int i = 1; i <= 30; i++) {
            r.add(icmpv4(i * S, "10.0.9." + (100 + i), router, 10));
            r.add(icmpv4(i * S + MS, router, "10.0.9." + (100 + i), 9));
            r.add(icmpv4(i * S + 2 * MS, "10.0.8.1", "10.0.7." + i, 10));
        }
        assertThat(r.flagged()).isEmpty();
        assertThat(r.flows()).isEqualTo(90);

        DetectorRun ping = run();
        for (int i = 1; i <= 30; i++) {
            ping.add(icmpv4(i * S, router, "10.0.9." + (100 + i), 8));
        }
        assertThat(ping.flagged()).hasSize(30).containsValue("scan");
    }

    /** An ICMPv4 message of {@code type} (code 0, identifier 7 for an echo request), decoded from its bytes. */
    private static DecodedPacket icmpv4(long nanos, String src, String dst, int type) {
        byte[] ip = new byte[20 + 8];
        ip[0] = 0x45;
        ip[3] = (byte) ip.length;
        ip[8] = 64;
        ip[9] = DecodedPacket.ICMP;
        String[] s = src.split("\\.");
        String[] d = dst.split("\\.");
        for (int k = 0; k < 4; k++) {
            ip[12 + k] = (byte) Integer.parseInt(s[k]);
            ip[16 + k] = (byte) Integer.parseInt(d[k]);
        }
        ip[20] = (byte) type;
        ip[25] = 7;
        RawPacket raw = new RawPacket();
        raw.set(ip, 0, ip.length, ip.length, nanos, LinkType.RAW, 0);
        DecodedPacket out = new DecodedPacket();
        assertThat(new PacketDecoder().decode(raw, out)).isNull();
        return out;
    }

    /**
     * flood_rs6 as the flooded host saw it: 2353 router solicitations from fe80::66 to ff02::1, and
     * 147 neighbour solicitations of the victim (fe80::10) to as many made-up unicast addresses, all
     * unanswered (tshark: icmpv6.type == 135, ipv6.dst unicast). The victim scans nothing.
     */
    @Test
    void theVictimsSolicitationsOfMadeUpAddressesAreNoScan() throws java.io.IOException {
        DetectorRun r = run();
        r.read("ipv6_flood_rs6.pcap");
        assertThat(r.flagged()).isEmpty();
        assertThat(r.flows()).isEqualTo(148);
    }

    /** A bare TCP handshake to port 80, closed by the client with a FIN, or aborted with a reset. */
    private static void bareConnection(DetectorRun r, long t, String src, int sport, String dst, boolean reset) {
        bareConnection(r, t, src, sport, dst, 80, reset);
    }

    private static void bareConnection(DetectorRun r, long t, String src, int sport, String dst, int dport, boolean reset) {
        r.add(DetectorRun.tcp(t, src, sport, dst, dport, DecodedPacket.SYN, 0));
        r.add(DetectorRun.tcp(t + MS, dst, dport, src, sport, DecodedPacket.SYN | DecodedPacket.ACK, 0));
        r.add(DetectorRun.tcp(t + 2 * MS, src, sport, dst, dport, DecodedPacket.ACK, 0));
        if (reset) {
            r.add(DetectorRun.tcp(t + 3 * MS, src, sport, dst, dport, DecodedPacket.RST | DecodedPacket.ACK, 0));
            return;
        }
        r.add(DetectorRun.tcp(t + 3 * MS, src, sport, dst, dport, DecodedPacket.FIN | DecodedPacket.ACK, 0));
        r.add(DetectorRun.tcp(t + 4 * MS, dst, dport, src, sport, DecodedPacket.FIN | DecodedPacket.ACK, 0));
        r.add(DetectorRun.tcp(t + 5 * MS, src, sport, dst, dport, DecodedPacket.ACK, 0));
    }

    @Test
    void aMonitorCheckingThirtyHostsIsNoScanButAConnectScanThatResetsIs() {
        DetectorRun monitor = run(); // check_tcp: connect to port 80 of 30 hosts, close politely, twice
        for (int round = 0; round < 2; round++) {
            for (int i = 1; i <= 30; i++) {
                bareConnection(monitor, round * 60 * S + i * 100 * MS, "10.0.0.9", 40000 + round * 100 + i, "10.0.3." + i, false);
            }
        }
        assertThat(monitor.flagged()).isEmpty();

        DetectorRun scanner = run(); // nmap -sT: the same connections, each aborted with a reset
        for (int i = 1; i <= 30; i++) {
            bareConnection(scanner, i * 100 * MS, SCANNER, 40000 + i, "10.0.3." + i, true);
        }
        assertThat(scanner.flagged()).hasSize(30).allSatisfy((flow, by) -> assertThat(by).isEqualTo("scan"));
    }

    @Test
    void politeChecksByASourceAlreadyScanningGoOnWithItsScan() {
        DetectorRun r = run(); // XScan: 15 refused ports of a host, then four open ones checked politely
        for (int i = 1; i <= 15; i++) {
            r.refused(i * 100 * MS, SCANNER, 40000 + i, "10.0.1.1", 1000 + i);
        }
        int[] open = {135, 139, 445, 53};
        for (int i = 0; i < open.length; i++) {
            bareConnection(r, 3 * S + i * 100 * MS, SCANNER, 41000 + i, "10.0.1.1", open[i], false);
        }
        assertThat(r.flagged()).hasSize(19);
    }

    /**
     * monitor_checks.pcap (fixtures/make-monitor-checks.sh, the corpus lab). By tshark ({@code -z
     * conv,tcp}, flags of each side's closing packets): 90 TCP connections to port 80 of 30 hosts.
     * 60 from 10.88.0.21 (nc -z, two rounds): handshake, then the client's FIN, no payload. 30 from
     * 10.88.0.22 (nmap -sT): handshake, then the scanner's reset (29; the last connection's reset
     * fell after the capture ended). Before polite closes were told apart, all 90 were flagged.
     */
    @Test
    void serviceChecksInTheLabAreLeftAloneAndTheConnectScanIsNot() throws java.io.IOException {
        DetectorRun r = run();
        r.read("monitor_checks.pcap");
        Map<String, String> flagged = r.flagged();
        assertThat(r.flows()).isEqualTo(90);
        assertThat(flagged).hasSize(30).allSatisfy((flow, by) -> {
            assertThat(flow).startsWith("10.88.0.22:");
            assertThat(by).isEqualTo("scan");
        });
    }

    /**
     * sctp_init_scan.pcap (fixtures/make-sctp-scan.sh; tshark sctp.dstport, icmp.type): nmap -sY
     * from 10.97.0.66:45341, one INIT to each of ports 1-100 of 10.97.0.10, unanswered but for 6
     * ICMP protocol unreachable messages. Each port is a flow of its own, so the scan is seen.
     */
    @Test
    void anSctpInitScanIsAFlowPerPortAndAScan() throws java.io.IOException {
        DetectorRun r = run();
        r.read("sctp_init_scan.pcap");
        Map<String, String> flagged = r.flagged();
        assertThat(r.flows()).isEqualTo(101);
        assertThat(flagged).hasSize(101).containsEntry(key("10.97.0.66", 45341, "10.97.0.10", 1), "scan")
                .containsEntry(key("10.97.0.66", 45341, "10.97.0.10", 100), "scan");
    }
}
