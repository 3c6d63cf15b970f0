package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Distinct byte totals of a pair's recently ended flows; every expected number counted by hand. */
class RecentFlowEndsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final RecentFlowEnds.PairKey AB = new RecentFlowEnds.PairKey(4, 0, 1, 0, 2);
    private static final RecentFlowEnds.PairKey AC = new RecentFlowEnds.PairKey(4, 0, 1, 0, 3);

    private final int[] out = new int[2];

    private int[] end(RecentFlowEnds r, RecentFlowEnds.PairKey pair, long t, long fwd, long bwd) {
        r.end(pair, t, fwd, bwd, out);
        return out.clone();
    }

    @Test
    void aLoadTestRepeatsItsSizesAndAGuesserVariesThem() {
        RecentFlowEnds r = new RecentFlowEnds(60 * SECOND);
        // the same request and answer five times: one distinct size each way
        for (int i = 0; i < 5; i++) {
            assertThat(end(r, AB, i * SECOND, 430, 821)).containsExactly(1, 1);
        }
        // requests of 200, 201, 202, 203 bytes, all answered with 500 bytes
        for (int i = 0; i < 4; i++) {
            assertThat(end(r, AC, i * SECOND, 200 + i, 500)).containsExactly(i + 1, 1);
        }
    }

    @Test
    void onlyFlowsEndedWithinTheWindowBeforeThisOneCount() {
        RecentFlowEnds r = new RecentFlowEnds(10 * SECOND);
        end(r, AB, 0, 100, 1);
        end(r, AB, 5 * SECOND, 200, 1);
        // at 10 s the flow ended at 0 s is exactly one window old: out; 100, 200 -> 200 and own 300
        assertThat(end(r, AB, 10 * SECOND, 300, 1)).containsExactly(2, 1);
        // an open flow's early count sees the same, and changes nothing
        r.count(AB, 10 * SECOND, 400, 2, out);
        assertThat(out).containsExactly(3, 2);
        assertThat(end(r, AB, 11 * SECOND, 200, 1)).containsExactly(2, 1);
    }

    @Test
    void countsStopAtTheCapAndEachPairKeepsNoMoreThanThat() {
        RecentFlowEnds r = new RecentFlowEnds(60 * SECOND);
        for (int i = 0; i < 40; i++) {
            r.end(AB, i, i, i, out);
        }
        assertThat(out).containsExactly(RecentFlowEnds.CAP, RecentFlowEnds.CAP);
        assertThat(r.pairs()).isEqualTo(1);
    }

    @Test
    void aFlowReportedLateDoesNotCountFlowsThatEndedAfterIt() {
        RecentFlowEnds r = new RecentFlowEnds(60 * SECOND);
        end(r, AB, 30 * SECOND, 100, 1);
        // ended at 20 s but reported after the 30 s one (an idle flow): the later one is not before it
        assertThat(end(r, AB, 20 * SECOND, 200, 1)).containsExactly(1, 1);
    }
}
