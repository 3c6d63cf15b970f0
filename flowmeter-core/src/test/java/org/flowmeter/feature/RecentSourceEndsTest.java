package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Distinct failed and answered endpoints of a source's recently ended flows; every expected number counted by hand. */
class RecentSourceEndsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final RecentSourceEnds.SourceKey A = new RecentSourceEnds.SourceKey(4, 0, 1);
    private static final RecentSourceEnds.SourceKey B = new RecentSourceEnds.SourceKey(4, 0, 2);
    private static final int TCP = 6 << 16;
    private static final int UDP = 17 << 16;

    private final int[] out = new int[RecentSourceEnds.COUNTS];

    private static RecentSourceEnds.Endpoint to(long host, int service) {
        return new RecentSourceEnds.Endpoint(0, host, service);
    }

    private int[] end(RecentSourceEnds r, RecentSourceEnds.SourceKey source, RecentSourceEnds.Endpoint e, long t,
                      boolean failed) {
        r.end(source, e, t, failed, out);
        return out.clone();
    }

    @Test
    void aScanFailsOnEveryEndpointAndABusyClientIsAnsweredByEach() {
        RecentSourceEnds r = new RecentSourceEnds(60 * SECOND, 1000);
        // A probes ports 1..5 of host 9: each refused
        for (int port = 1; port <= 5; port++) {
            assertThat(end(r, A, to(9, TCP | port), port * SECOND, true)).containsExactly(port, 0);
        }
        // B uses web, SSH and DNS on host 9 and web on host 8, twice over: all answered
        int[][] services = {{9, TCP | 80}, {9, TCP | 22}, {9, UDP | 53}, {8, TCP | 80}};
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < services.length; i++) {
                int[] got = end(r, B, to(services[i][0], services[i][1]), (10 + round * 4 + i) * SECOND, false);
                assertThat(got).containsExactly(0, round == 0 ? i + 1 : 4);
            }
        }
        // A's counts are its own
        assertThat(end(r, A, to(9, TCP | 80), 20 * SECOND, false)).containsExactly(5, 1);
    }

    @Test
    void onlyFlowsEndedWithinTheWindowBeforeThisOneCount() {
        RecentSourceEnds r = new RecentSourceEnds(10 * SECOND, 1000);
        end(r, A, to(9, TCP | 1), 0, true);
        end(r, A, to(9, TCP | 2), 5 * SECOND, true);
        // at 10 s the flow ended at 0 s is exactly one window old: out; port 2 and its own port 3
        assertThat(end(r, A, to(9, TCP | 3), 10 * SECOND, true)).containsExactly(2, 0);
        // an open flow's early count sees the same plus itself, and changes nothing
        r.count(A, to(9, TCP | 4), 10 * SECOND, true, out);
        assertThat(out).containsExactly(3, 0);
        r.count(A, to(9, TCP | 2), 10 * SECOND, true, out);
        assertThat(out).as("an endpoint already counted is not counted twice").containsExactly(2, 0);
        // a later failure on port 2 renews it: at 16 s ports 2 (11 s) and 3 (10 s) are in, port 2 once
        end(r, A, to(9, TCP | 2), 11 * SECOND, true);
        assertThat(end(r, A, to(9, TCP | 2), 16 * SECOND, true)).containsExactly(2, 0);
    }

    @Test
    void oneEndpointCanBeBothFailedAndAnswered() {
        RecentSourceEnds r = new RecentSourceEnds(60 * SECOND, 1000);
        end(r, A, to(9, TCP | 80), 0, true);
        assertThat(end(r, A, to(9, TCP | 80), SECOND, false)).containsExactly(1, 1);
    }

    @Test
    void countsStopAtTheCapAndEachSourceKeepsNoMoreEndpointsThanThat() {
        RecentSourceEnds r = new RecentSourceEnds(60 * SECOND, 1000);
        for (int port = 1; port <= 40; port++) {
            end(r, A, to(9, TCP | port), port, true);
        }
        assertThat(out).containsExactly(RecentSourceEnds.CAP, 0);
        // the 16 kept are the latest: ports 25..40; after the window of 60 s from port 40 passes, one new port alone
        assertThat(end(r, A, to(9, TCP | 41), 61 * SECOND, true)).containsExactly(1, 0);
        assertThat(r.sources()).isEqualTo(1);
    }

    @Test
    void aFlowReportedLateDoesNotCountFlowsThatEndedAfterIt() {
        RecentSourceEnds r = new RecentSourceEnds(60 * SECOND, 1000);
        end(r, A, to(9, TCP | 1), 30 * SECOND, true);
        // ended at 20 s but reported after the 30 s one (an idle flow): the later one is not before it
        assertThat(end(r, A, to(9, TCP | 2), 20 * SECOND, true)).containsExactly(1, 0);
    }

    @Test
    void aFlowReportedLateStillSeesTheEndpointsUsedBeforeIt() {
        RecentSourceEnds r = new RecentSourceEnds(60 * SECOND, 1000);
        // web flows ended at 5 s and 50 s, reported at once; a DNS flow ended at 10 s is reported after them
        end(r, A, to(9, TCP | 80), 5 * SECOND, false);
        end(r, A, to(9, TCP | 80), 50 * SECOND, false);
        assertThat(end(r, A, to(9, UDP | 53), 10 * SECOND, false)).containsExactly(0, 2);
    }

    @Test
    void beyondMaxSourcesTheSourceQuietLongestIsForgotten() {
        RecentSourceEnds r = new RecentSourceEnds(60 * SECOND, 2);
        RecentSourceEnds.SourceKey c = new RecentSourceEnds.SourceKey(4, 0, 3);
        end(r, A, to(9, TCP | 1), 0, true);
        end(r, B, to(9, TCP | 1), SECOND, true);
        end(r, A, to(9, TCP | 2), 2 * SECOND, true); // A ended last: B is now the quietest
        end(r, c, to(9, TCP | 1), 3 * SECOND, true); // a third source: B is dropped
        assertThat(r.sources()).isEqualTo(2);
        assertThat(end(r, A, to(9, TCP | 3), 4 * SECOND, true)).containsExactly(3, 0);
        assertThat(end(r, B, to(9, TCP | 2), 5 * SECOND, true)).containsExactly(1, 0);
    }
}
