package org.flowmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.decode.DecodedPacket.ACK;
import static org.flowmeter.decode.DecodedPacket.FIN;
import static org.flowmeter.decode.DecodedPacket.PSH;
import static org.flowmeter.decode.DecodedPacket.RST;
import static org.flowmeter.decode.DecodedPacket.SYN;
import static org.flowmeter.detect.DetectorRun.MS;
import static org.flowmeter.detect.DetectorRun.S;
import static org.flowmeter.detect.DetectorRun.tcp;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Packets;
import org.junit.jupiter.api.Test;

/** Hand-built connections: held ones side by side or one after another, trickles, oversized requests. */
class SlowDosDetectorTest {
    private static final String CLIENT = "10.0.0.66";
    private static final String SERVER = "10.0.0.10";

    private static DetectorRun run() {
        return new DetectorRun(new DetectorConfig(), SlowDosDetector.NAME);
    }

    /** A packet with a 64 KB advertised window (a zero window means a stalled reader). */
    private static void add(DetectorRun r, long t, String src, int sport, String dst, int dport, int flags, int payload) {
        r.add(Packets.window(tcp(t, src, sport, dst, dport, flags, payload), 65535));
    }

    /**
     * A connection open {@code seconds}: the request in {@code pieces} packets spread over that
     * time, an answer of {@code answer} bytes right after the first piece (none when 0), FINs.
     */
    private static void connection(DetectorRun r, long t, int sport, int dport, long seconds, int pieces, int piece,
            int answer) {
        add(r, t, CLIENT, sport, SERVER, dport, SYN, 0);
        add(r, t + MS, SERVER, dport, CLIENT, sport, SYN | ACK, 0);
        add(r, t + 2 * MS, CLIENT, sport, SERVER, dport, ACK, 0);
        long step = (seconds * S - 10 * MS) / pieces;
        for (int i = 0; i < pieces; i++) {
            add(r, t + 3 * MS + i * step, CLIENT, sport, SERVER, dport, PSH | ACK, piece);
            if (i == 0 && answer > 0) {
                add(r, t + 4 * MS, SERVER, dport, CLIENT, sport, PSH | ACK, answer);
            }
        }
        long end = t + seconds * S;
        add(r, end - 3 * MS, CLIENT, sport, SERVER, dport, FIN | ACK, 0);
        add(r, end - 2 * MS, SERVER, dport, CLIENT, sport, FIN | ACK, 0);
        add(r, end - MS, CLIENT, sport, SERVER, dport, ACK, 0);
    }

    @Test
    void sixteenQuietConnectionsSideBySideAreASlowAttackAndTwelveAreNot() {
        DetectorRun browser = run();
        for (int i = 0; i < 12; i++) { // a request and a 1000-byte answer (an error), then 30 s waiting: 40 B/s
            connection(browser, i * 10 * MS, 40000 + i, 80, 30, 1, 200, 1000);
        }
        assertThat(browser.flagged()).isEmpty();

        DetectorRun tool = run();
        for (int i = 0; i < 16; i++) {
            connection(tool, i * 10 * MS, 40000 + i, 80, 30, 1, 200, 1000);
        }
        assertThat(tool.flagged()).hasSize(16).allSatisfy((flow, by) -> assertThat(by).isEqualTo("slow-dos"));
    }

    /**
     * A long-poll: the request sent whole, answered with {@code answer} bytes {@code wait} seconds
     * later, then both sides close; or, when {@code closeFirst}, the client closes after
     * {@code wait} seconds and the server's answer (an error for a request never ended) comes after
     * the client's FIN.
     */
    private static void longPoll(DetectorRun r, long t, int sport, long wait, int answer, boolean closeFirst) {
        add(r, t, CLIENT, sport, SERVER, 80, SYN, 0);
        add(r, t + MS, SERVER, 80, CLIENT, sport, SYN | ACK, 0);
        add(r, t + 2 * MS, CLIENT, sport, SERVER, 80, ACK, 0);
        add(r, t + 3 * MS, CLIENT, sport, SERVER, 80, PSH | ACK, 120);
        long late = t + wait * S;
        if (closeFirst) {
            add(r, late, CLIENT, sport, SERVER, 80, FIN | ACK, 0);
            add(r, late + MS, SERVER, 80, CLIENT, sport, PSH | ACK, answer);
            add(r, late + 2 * MS, SERVER, 80, CLIENT, sport, FIN | ACK, 0);
        } else {
            add(r, late, SERVER, 80, CLIENT, sport, PSH | ACK, answer);
            add(r, late + MS, SERVER, 80, CLIENT, sport, FIN | ACK, 0);
            add(r, late + 2 * MS, CLIENT, sport, SERVER, 80, FIN | ACK, 0);
        }
        add(r, late + 3 * MS, CLIENT, sport, SERVER, 80, ACK, 0);
    }

    @Test
    void longPollsHeldSideBySideAreNotASlowAttack() {
        DetectorRun proxy = run(); // 20 users' long-polls through one proxy: each answered after 30 s
        for (int i = 0; i < 20; i++) {
            longPoll(proxy, i * 10 * MS, 40000 + i, 30, 200, false);
        }
        assertThat(proxy.flagged()).isEmpty();

        DetectorRun holder = run(); // the same connections, but the client gives up first: it held a slot
        for (int i = 0; i < 20; i++) {
            longPoll(holder, i * 10 * MS, 40000 + i, 30, 200, true);
        }
        assertThat(holder.flagged()).hasSize(20).allSatisfy((flow, by) -> assertThat(by).isEqualTo("slow-dos"));
    }

    /**
     * A long-poll its client gives up on after {@code wait} seconds with nothing back: the request
     * segment of 120 bytes starts an HTTP request of {@code announced} bytes (120: it came whole;
     * more: a body was announced and never sent), then the client's FIN and, when
     * {@code answerAfterClose}, the server's late answer of 144 bytes and the client's reset.
     */
    private static void abandonedPoll(DetectorRun r, long t, int sport, long wait, int announced,
            boolean answerAfterClose) {
        add(r, t, CLIENT, sport, SERVER, 80, SYN, 0);
        add(r, t + MS, SERVER, 80, CLIENT, sport, SYN | ACK, 0);
        add(r, t + 2 * MS, CLIENT, sport, SERVER, 80, ACK, 0);
        DecodedPacket request = Packets.window(tcp(t + 3 * MS, CLIENT, sport, SERVER, 80, PSH | ACK, 120), 65535);
        request.httpRequest = announced;
        r.add(request);
        add(r, t + 4 * MS, SERVER, 80, CLIENT, sport, ACK, 0);
        long late = t + wait * S;
        add(r, late, CLIENT, sport, SERVER, 80, FIN | ACK, 0);
        add(r, late + MS, SERVER, 80, CLIENT, sport, ACK, 0);
        if (answerAfterClose) {
            add(r, late + 2 * S, SERVER, 80, CLIENT, sport, PSH | ACK, 144);
            add(r, late + 2 * S + MS, CLIENT, sport, SERVER, 80, RST, 0);
        }
    }

    @Test
    void longPollsAbandonedBeforeTheirAnswerAreNotHeldWhenTheirRequestCameWhole() {
        DetectorRun cut = run(); // the client left after 30 s, nothing came back while it waited
        for (int i = 0; i < 20; i++) {
            abandonedPoll(cut, i * 10 * MS, 40000 + i, 30, 120, i % 2 == 0);
        }
        assertThat(cut.flagged()).isEmpty();

        DetectorRun body = run(); // the same, but the head announced a body that never came: a slow POST
        for (int i = 0; i < 20; i++) {
            abandonedPoll(body, i * 10 * MS, 40000 + i, 30, 120 + 4096, i % 2 == 0);
        }
        assertThat(body.flagged()).hasSize(20).allSatisfy((flow, by) -> assertThat(by).isEqualTo("slow-dos"));

        DetectorRun unknown = run(); // not read as HTTP (a head that never ended, TLS): held as before
        for (int i = 0; i < 20; i++) {
            abandonedPoll(unknown, i * 10 * MS, 40000 + i, 30, -1, i % 2 == 0);
        }
        assertThat(unknown.flagged()).hasSize(20);
    }

    @Test
    void anAnswerRightAfterAWholeRequestThenIdleIsStillHeld() {
        DetectorRun r = run(); // answered at once, then 30 s idle with the slot kept (as the test above with 16)
        for (int i = 0; i < 20; i++) {
            connection(r, i * 10 * MS, 40000 + i, 80, 30, 1, 120, 200);
        }
        assertThat(r.flagged()).hasSize(20);
    }

    @Test
    void heldConnectionsOneAfterAnotherAreNotConcurrent() {
        DetectorRun r = run(); // 40 quiet sessions of 12 s each, back to back: an interactive user, not a flood of slots
        for (int i = 0; i < 40; i++) {
            connection(r, i * 13 * S, 40000 + i, 22, 12, 4, 40, 60);
        }
        assertThat(r.flagged()).isEmpty();
    }

    @Test
    void aPoolOfQuietConnectionsThatConverseIsNotHeld() {
        DetectorRun r = run(); // 20 pooled database connections, 10 small queries each over 60 s: 22 B/s
        for (int i = 0; i < 20; i++) {
            int[] queries = {50, 50, 50, 50, 50, 50, 50, 50, 50, 50};
            int[] rows = {80, 80, 80, 80, 80, 80, 80, 80, 80, 80};
            r.exchanges(i * MS, CLIENT, 40000 + i, SERVER, 5432, 0, queries, rows, 6 * S);
        }
        assertThat(r.flagged()).isEmpty();
    }

    @Test
    void connectionsThatMoveDataAreNotHeldHoweverMany() {
        DetectorRun r = run(); // 30 parallel downloads of 60 KB over 12 s (5 KB/s each)
        for (int i = 0; i < 30; i++) {
            connection(r, i * MS, 40000 + i, 80, 12, 1, 200, 60_000);
        }
        assertThat(r.flagged()).isEmpty();
    }

    @Test
    void fiveTricklingRequestsNeverAnsweredAreSlowlorisAndFourAreNot() {
        DetectorRun few = run();
        for (int i = 0; i < 4; i++) {
            connection(few, i * 100 * MS, 40000 + i, 80, 15, 4, 30, 0);
        }
        assertThat(few.flagged()).isEmpty();

        DetectorRun five = run();
        for (int i = 0; i < 5; i++) {
            connection(five, i * 100 * MS, 40000 + i, 80, 15, 4, 30, 0);
        }
        connection(five, 20 * S, 41000, 443, 15, 4, 30, 0); // another service of the host: another key
        assertThat(five.flagged()).hasSize(5).allSatisfy((flow, by) -> assertThat(flow).endsWith(":80"));
    }

    @Test
    void aRequestInOnePieceWithoutAnswerIsNotATrickle() {
        DetectorRun r = run(); // six connections to a hung server: each request sent whole, nothing back
        for (int i = 0; i < 6; i++) {
            connection(r, i * 100 * MS, 40000 + i, 80, 15, 1, 300, 0);
        }
        assertThat(r.flagged()).isEmpty();
    }

    /** 8 pieces of 300 bytes and a 1 KB answer over 12 s: 283 B/s, more than a held connection carries... */
    @Test
    void aZeroWindowFromTheClientMarksASlowReadThatMovesMoreThanTheRate() {
        DetectorRun open = run();
        for (int i = 0; i < 20; i++) {
            connection(open, i * MS, 40000 + i, 80, 12, 8, 300, 1000);
        }
        assertThat(open.flagged()).isEmpty();

        DetectorRun stalled = run(); // ...unless the client stopped reading (a zero window), as slow read does
        for (int i = 0; i < 20; i++) {
            long t = i * MS;
            connection(stalled, t, 40000 + i, 80, 12, 8, 300, 1000);
            stalled.add(Packets.window(tcp(t + 5 * S, CLIENT, 40000 + i, SERVER, 80, ACK, 0), 0));
        }
        assertThat(stalled.flagged()).hasSize(20);
    }

    @Test
    void twentyAlikeOversizedRequestsRefusedShortlyAreARangeAttack() {
        DetectorRun r = run();
        for (int i = 0; i < 20; i++) {
            r.session(i * 100 * MS, CLIENT, 40000 + i, SERVER, 80, 23_000 + i, 560);
        }
        assertThat(r.flagged()).hasSize(20).allSatisfy((flow, by) -> assertThat(by).isEqualTo("slow-dos"));

        DetectorRun nineteen = run();
        for (int i = 0; i < 19; i++) {
            nineteen.session(i * 100 * MS, CLIENT, 40000 + i, SERVER, 80, 23_000, 560);
        }
        assertThat(nineteen.flagged()).isEmpty();
    }

    @Test
    void largeAlikeMessagesToOtherThanWebPortsAreNotARangeAttack() {
        DetectorRun r = run(); // a relay handing over 30 alike 20 KB mails, each acknowledged by a short "250"
        for (int i = 0; i < 30; i++) {
            r.session(i * S, CLIENT, 40000 + i, SERVER, 25, 20_000, 300);
        }
        assertThat(r.flagged()).isEmpty();
    }

    @Test
    void uploadsOfVariedSizesAreNotARangeAttack() {
        DetectorRun r = run(); // a client uploading 40 files, each acknowledged by a short "201 Created"
        for (int i = 0; i < 40; i++) {
            r.session(i * S, CLIENT, 40000 + i, SERVER, 80, 9_000 + 3_000 * (i % 10), 300);
        }
        assertThat(r.flagged()).isEmpty();
    }

    /**
     * slowdos_lo.pcap (fixtures/make-slowdos-captures.sh): slowhttptest from 127.0.0.1 against nginx
     * on three ports at once, and five page fetches from 127.0.0.3. By tshark ({@code -z conv,tcp},
     * and per stream the start, end, payload each way, answers and zero windows advertised by the
     * client): slow headers on P1: 20 connections of about 14 s, a few hundred bytes of headers in
     * pieces, nothing back, and 5 probes of slowhttptest answered with a page; range on P2 (8080, a
     * web port): 25 connections sending 23,202 bytes (a Range header of about 3000 ranges),
     * refused with 152 bytes, and 1 probe; slow read on P3: 20 connections of about 14 s that
     * request 333 bytes, read 1152 and advertise a zero window, and 5 probes. On each port the
     * first connection is a probe made before the first slow one; a pattern covers the flows from
     * the first counted connection on, so each port has every flow but that probe flagged.
     */
    @Test
    void slowhttptestsThreeModesAreCaughtAndTheOrdinaryClientIsNot() throws IOException {
        DetectorRun r = run();
        r.read("slowdos_lo.pcap");
        Map<String, String> flagged = r.flagged();
        assertThat(r.flows()).isEqualTo(81);
        assertThat(flagged).hasSize(73).allSatisfy((flow, by) -> assertThat(by).isEqualTo("slow-dos"));
        assertThat(flagged.keySet()).allSatisfy(flow -> assertThat(flow).startsWith("127.0.0.1:"));
        Map<String, Long> perPort = new TreeMap<>();
        for (String flow : flagged.keySet()) {
            perPort.merge(flow.substring(flow.lastIndexOf(':') + 1), 1L, Long::sum);
        }
        assertThat(perPort.values()).containsExactlyInAnyOrder(24L, 25L, 24L);
    }

    /**
     * longpoll_lo.pcap (fixtures/make-longpoll-captures.sh). By tshark ({@code -z conv,tcp}, and
     * per stream the payload packets with their times): 40 TCP connections to one port of
     * 127.0.0.1. 20 from 127.0.0.3, each a 64-byte request in one packet answered 12.0 s later
     * with a 144-byte header and a 54-56-byte body, after which the server closes: long-polls. 20 from 127.0.0.4, each a 42-byte
     * start of a request, then 12.0 s of nothing until the client's FIN, after which the server
     * answers 144 bytes (an error) and is reset: slots held. Before long-polls were told apart,
     * all 40 were flagged.
     */
    @Test
    void longPollsOnLoopbackAreLeftAloneAndHeldSlotsAreNot() throws IOException {
        DetectorRun r = run();
        r.read("longpoll_lo.pcap");
        Map<String, String> flagged = r.flagged();
        assertThat(r.flows()).isEqualTo(40);
        assertThat(flagged).hasSize(20).allSatisfy((flow, by) -> {
            assertThat(flow).startsWith("127.0.0.4:");
            assertThat(by).isEqualTo("slow-dos");
        });
    }

    /**
     * longpoll_cut_lo.pcap (fixtures/make-longpoll-captures.sh cut). By tshark (per stream the
     * payload packets each way with their times, and the client's FIN): 60 TCP connections to one
     * port of 127.0.0.1, each lasting 12-13 s. 20 from 127.0.0.5, each a whole 64-byte request
     * (the head ends, no body), the client's FIN after 12 s and then the server's 144-byte answer
     * (reset by the client); 20 from 127.0.0.6, the same request and FIN, nothing back before the
     * capture ends: long-polls given up. 20 from 127.0.0.7, each a 67-byte head announcing a
     * 4096-byte body, then 4 pieces of 10 bytes 3 s apart, nothing back, the client's FIN after
     * 12 s: slots held. Before a whole request with nothing back was told apart, all 60 were
     * flagged.
     */
    @Test
    void longPollsGivenUpBeforeTheirAnswerAreLeftAloneAndAnUnfinishedBodyIsNot() throws IOException {
        DetectorRun r = run();
        r.read("longpoll_cut_lo.pcap");
        Map<String, String> flagged = r.flagged();
        assertThat(r.flows()).isEqualTo(60);
        assertThat(flagged).hasSize(20).allSatisfy((flow, by) -> {
            assertThat(flow).startsWith("127.0.0.7:");
            assertThat(by).isEqualTo("slow-dos");
        });
    }

    /**
     * keepalive_lo.pcap: a client opening 12 connections at once to nginx, one 1500-byte page on
     * each, then 20 s idle (by tshark: 12 TCP connections of 20.0 s, 61 + 1739 payload bytes
     * each, 90 bytes a second). Quiet and side by side, but each was answered with a page: not
     * waiting for its request to end, so not held at any threshold.
     */
    @Test
    void aBrowserHoldingTwelveIdleKeepAlivesIsLeftAloneAtAnyThreshold() throws IOException {
        DetectorRun r = run();
        r.read("keepalive_lo.pcap");
        assertThat(r.flagged()).isEmpty();
        assertThat(r.flows()).isEqualTo(12);

        DetectorConfig lower = new DetectorConfig();
        lower.slowDosConnections = 1;
        lower.slowDosTrickles = 1;
        DetectorRun strict = new DetectorRun(lower, SlowDosDetector.NAME);
        strict.read("keepalive_lo.pcap");
        assertThat(strict.flagged()).isEmpty();
    }

    /**
     * snaplen54_any.pcap (fixtures/make-snaplen-captures.sh): 18 keep-alive connections held at
     * once for about 11 s, each answered three times, recorded by tcpdump -s 54 on "any", which
     * cuts every TCP header before its window (tshark: "TCP truncated"). A window never seen is
     * no zero window, so none of them is a slow read.
     */
    @Test
    void windowsCutByTheSnaplenAreNoSlowRead() throws IOException {
        DetectorRun r = run();
        r.read("snaplen54_any.pcap");
        assertThat(r.flagged()).isEmpty();
        assertThat(r.flows()).isEqualTo(18);
    }

    @Test
    void aZeroWindowIsOnlyCountedFromTcpPacketsOtherThanSynAndReset() {
        FlowFacts facts = new FlowFacts();
        facts.add(Packets.window(tcp(0, CLIENT, 1, SERVER, 2, SYN, 0), 0), true);
        facts.add(Packets.window(tcp(0, CLIENT, 1, SERVER, 2, DecodedPacket.RST, 0), 0), true);
        facts.add(Packets.window(tcp(0, SERVER, 2, CLIENT, 1, ACK, 0), 0), false);
        facts.add(DetectorRun.udp(0, CLIENT, 1, SERVER, 2, 10), true);
        assertThat(facts.forwardZeroWindows()).isZero();
        facts.add(Packets.window(tcp(0, CLIENT, 1, SERVER, 2, ACK, 0), 0), true);
        assertThat(facts.forwardZeroWindows()).isEqualTo(1);
        assertThat(facts.forwardPayloadPackets()).isEqualTo(1); // the UDP datagram's 10 bytes
        DecodedPacket cut = Packets.window(tcp(0, CLIENT, 1, SERVER, 2, ACK, 0), 0);
        cut.tcpCut = DecodedPacket.CUT_WINDOW;
        facts.add(cut, true);
        assertThat(facts.forwardZeroWindows()).as("a window the snaplen cut off").isEqualTo(1);
    }
}
