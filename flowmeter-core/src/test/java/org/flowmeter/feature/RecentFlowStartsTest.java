package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Window counts on hand-made flow starts; every expected number is counted by hand in the comment. */
class RecentFlowStartsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final int TCP_80 = 6 << 16 | 80;
    private static final int TCP_22 = 6 << 16 | 22;
    private static final int UDP_53 = 17 << 16 | 53;

    private final int[] out = new int[RecentFlowStarts.COUNTS];

    /** IPv4 host 10.0.0.n. */
    private static long host(int n) {
        return 0x0A00_0000L | n;
    }

    private int[] start(RecentFlowStarts r, long t, int src, int dst, int service) {
        r.record(t, 4, 0, host(src), 0, host(dst), service, out);
        return out.clone();
    }

    @Test
    void countsFlowsHostsAndServicesOfTheWindowIncludingTheNewFlow() {
        RecentFlowStarts r = new RecentFlowStarts(60 * SECOND, 100);
        // order: pair, src flows, src hosts, src services, dst flows, dst sources
        assertThat(start(r, 0, 1, 9, TCP_80)).containsExactly(1, 1, 1, 1, 1, 1);
        assertThat(start(r, SECOND, 1, 9, TCP_80)).containsExactly(2, 2, 1, 1, 2, 1);
        assertThat(start(r, 2 * SECOND, 1, 9, TCP_22)).containsExactly(3, 3, 1, 2, 3, 1);
        // host 1 now reaches a second host with a service it already used elsewhere
        assertThat(start(r, 3 * SECOND, 1, 8, TCP_80)).containsExactly(1, 4, 2, 2, 1, 1);
        // another source to host 9: host 9 has 4 flows from 2 sources; host 2 has its first flow
        assertThat(start(r, 4 * SECOND, 2, 9, UDP_53)).containsExactly(1, 1, 1, 1, 4, 2);
        assertThat(r.size()).isEqualTo(5);
    }

    @Test
    void flowsOlderThanTheWindowLeaveItAndTheirDistinctCountsWithThem() {
        RecentFlowStarts r = new RecentFlowStarts(10 * SECOND, 100);
        start(r, 0, 1, 9, TCP_80);
        start(r, 5 * SECOND, 1, 8, TCP_22);
        // at 10 s the flow of 0 s is exactly one window old: out; the 5 s one is in
        assertThat(start(r, 10 * SECOND, 1, 7, TCP_22)).containsExactly(1, 2, 2, 1, 1, 1);
        // at 15 s the 5 s flow leaves too: host 1 keeps only 10 s and 15 s flows, both TCP 22
        assertThat(start(r, 15 * SECOND, 1, 9, TCP_22)).containsExactly(1, 2, 2, 1, 1, 1);
        assertThat(r.size()).isEqualTo(2);
    }

    @Test
    void emptiedHostsPairsAndServicesAreForgotten() {
        RecentFlowStarts r = new RecentFlowStarts(SECOND, 100);
        for (int i = 0; i < 50; i++) {
            start(r, 0, i, 100 + i, TCP_80);
        }
        // 50 flows: 100 hosts + 50 pairs + 50 source services
        assertThat(r.entries()).isEqualTo(200);
        start(r, 2 * SECOND, 1, 2, TCP_80);
        // only the new flow is left: hosts 1 and 2, one pair, one source service
        assertThat(r.size()).isEqualTo(1);
        assertThat(r.entries()).isEqualTo(4);
    }

    @Test
    void theCapacityBoundsTheWindowWhenFlowsStartFaster() {
        RecentFlowStarts r = new RecentFlowStarts(60 * SECOND, 3);
        start(r, 0, 1, 9, TCP_80);
        start(r, 1, 1, 9, TCP_80);
        start(r, 2, 1, 9, TCP_80);
        // the fourth start pushes out the first: 3 flows counted, not 4
        assertThat(start(r, 3, 1, 9, TCP_80)).containsExactly(3, 3, 1, 1, 3, 1);
        assertThat(r.size()).isEqualTo(3);
    }

    @Test
    void theWindowGrowsPastItsFirstArraysAndLeavesInStartOrderAfterwards() {
        RecentFlowStarts r = new RecentFlowStarts(10 * SECOND, 1000);
        // 700 flows 10 ms apart (7 s, all in the window), source i % 7 to host 100 + i % 5:
        // the ring grows from 256 slots twice, wrapped around once the first flows leave below
        for (int i = 0; i < 700; i++) {
            start(r, i * 10_000_000L, i % 7, 100 + i % 5, TCP_80);
        }
        assertThat(r.size()).isEqualTo(700);
        // at 12 s the flows at or before 2 s have left: flows 201..699 stay and a new one joins;
        // source 3 (i % 7 == 3) has flows 206, 213, ..., 696: 71 of them, plus the new one
        int[] c = start(r, 12 * SECOND, 3, 100, TCP_80);
        assertThat(r.size()).isEqualTo(500);
        assertThat(c[RecentFlowStarts.SOURCE_FLOWS]).isEqualTo(72);
        assertThat(c[RecentFlowStarts.SOURCE_HOSTS]).as("i % 7 == 3 meets every i % 5").isEqualTo(5);
        // host 100 (i % 5 == 0) receives flows 205, 210, ..., 695: 99 of them, plus the new one
        assertThat(c[RecentFlowStarts.DESTINATION_FLOWS]).isEqualTo(100);
        assertThat(c[RecentFlowStarts.DESTINATION_SOURCES]).isEqualTo(7);
    }

    @Test
    void aHostTalkingToItselfIsBothSourceAndDestination() {
        RecentFlowStarts r = new RecentFlowStarts(SECOND, 10);
        assertThat(start(r, 0, 1, 1, TCP_80)).containsExactly(1, 1, 1, 1, 1, 1);
        assertThat(start(r, 1, 1, 1, TCP_22)).containsExactly(2, 2, 1, 2, 2, 1);
        start(r, 3 * SECOND, 2, 3, TCP_80);
        assertThat(r.entries()).isEqualTo(4);
    }

    @Test
    void ipv4AndIpv6AddressesWithTheSameBitsAreDifferentHosts() {
        RecentFlowStarts r = new RecentFlowStarts(SECOND, 10);
        r.record(0, 4, 0, host(1), 0, host(9), TCP_80, out);
        r.record(0, 6, 0, host(1), 0, host(9), TCP_80, out);
        assertThat(out).containsExactly(1, 1, 1, 1, 1, 1);
    }

    @Test
    void aStartEarlierThanTheNewestDoesNotMoveTheWindowBackAndLeavesInInputOrder() {
        RecentFlowStarts r = new RecentFlowStarts(10 * SECOND, 10);
        start(r, 20 * SECOND, 1, 9, TCP_80);
        // a merged capture steps back 15 s: the window still ends at 20 s and holds both
        assertThat(start(r, 5 * SECOND, 1, 9, TCP_80)).containsExactly(2, 2, 1, 1, 2, 1);
        // at 25 s the 20 s flow is in the window, so the 5 s flow seen after it stays too
        assertThat(start(r, 25 * SECOND, 1, 9, TCP_80)).containsExactly(3, 3, 1, 1, 3, 1);
        // at 31 s the 20 s flow leaves, and the 5 s one behind it: 25 s and 31 s remain
        assertThat(start(r, 31 * SECOND, 1, 9, TCP_80)).containsExactly(2, 2, 1, 1, 2, 1);
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThatThrownBy(() -> new RecentFlowStarts(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecentFlowStarts(SECOND, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
