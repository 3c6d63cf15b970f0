package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Distinct byte totals, unanswered and reset flows of a pair's recently ended flows; every expected number counted by hand. */
class RecentFlowEndsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final RecentFlowEnds.PairKey AB = new RecentFlowEnds.PairKey(4, 0, 1, 0, 2);
    private static final RecentFlowEnds.PairKey AC = new RecentFlowEnds.PairKey(4, 0, 1, 0, 3);

    private final int[] out = new int[RecentFlowEnds.COUNTS];

    /** Ends a flow without reset; returns its distinct forward and backward sizes. */
    private int[] end(RecentFlowEnds r, RecentFlowEnds.PairKey pair, long t, long fwd, long bwd) {
        r.end(pair, t, fwd, bwd, false, out);
        return new int[] {out[0], out[1]};
    }

    /** Ends a flow; returns its unanswered and reset counts. */
    private int[] endCountingFailures(RecentFlowEnds r, long t, long bwd, boolean reset) {
        r.end(AB, t, 60, bwd, reset, out);
        return new int[] {out[2], out[3]};
    }

    @Test
    void aLoadTestRepeatsItsSizesAndAGuesserVariesThem() {
        RecentFlowEnds r = new RecentFlowEnds(60 * SECOND, 1000);
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
        RecentFlowEnds r = new RecentFlowEnds(10 * SECOND, 1000);
        end(r, AB, 0, 100, 1);
        end(r, AB, 5 * SECOND, 200, 1);
        // at 10 s the flow ended at 0 s is exactly one window old: out; 100, 200 -> 200 and own 300
        assertThat(end(r, AB, 10 * SECOND, 300, 1)).containsExactly(2, 1);
        // an open flow's early count sees the same, and changes nothing
        r.count(AB, 10 * SECOND, 400, 2, false, out);
        assertThat(out).containsExactly(3, 2, 0, 0);
        assertThat(end(r, AB, 11 * SECOND, 200, 1)).containsExactly(2, 1);
    }

    @Test
    void countsStopAtTheCapAndEachPairKeepsNoMoreThanThat() {
        RecentFlowEnds r = new RecentFlowEnds(60 * SECOND, 1000);
        for (int i = 0; i < 40; i++) {
            r.end(AB, i, i, 0, true, out);
        }
        // 40 distinct forward totals, one backward total (0: none answered), all reset
        assertThat(out).containsExactly(RecentFlowEnds.CAP, 1, RecentFlowEnds.CAP, RecentFlowEnds.CAP);
        assertThat(r.pairs()).isEqualTo(1);
    }

    @Test
    void aFlowReportedLateDoesNotCountFlowsThatEndedAfterIt() {
        RecentFlowEnds r = new RecentFlowEnds(60 * SECOND, 1000);
        end(r, AB, 30 * SECOND, 100, 1);
        // ended at 20 s but reported after the 30 s one (an idle flow): the later one is not before it
        assertThat(end(r, AB, 20 * SECOND, 200, 1)).containsExactly(1, 1);
    }

    @Test
    void unansweredAndResetFlowsOfThePairInTheWindowAreCounted() {
        RecentFlowEnds r = new RecentFlowEnds(10 * SECOND, 1000);
        // a SYN left unanswered (no backward bytes), then one answered by a reset
        assertThat(endCountingFailures(r, 0, 0, false)).containsExactly(1, 0);
        assertThat(endCountingFailures(r, SECOND, 54, true)).containsExactly(1, 1);
        // an ordinary answered flow: the two before it still count
        assertThat(endCountingFailures(r, 2 * SECOND, 1500, false)).containsExactly(1, 1);
        // at 10 s the unanswered flow of 0 s has left the window; at 11 s the reset one too
        assertThat(endCountingFailures(r, 10 * SECOND, 1500, false)).containsExactly(0, 1);
        assertThat(endCountingFailures(r, 11 * SECOND, 1500, false)).containsExactly(0, 0);
        // another pair's failures never count
        r.end(AC, 12 * SECOND, 60, 0, true, out);
        assertThat(endCountingFailures(r, 12 * SECOND, 1500, false)).containsExactly(0, 0);
    }

    @Test
    void beyondMaxPairsThePairQuietLongestIsForgotten() {
        RecentFlowEnds r = new RecentFlowEnds(60 * SECOND, 2);
        RecentFlowEnds.PairKey ad = new RecentFlowEnds.PairKey(4, 0, 1, 0, 4);
        end(r, AB, 0, 100, 1);
        end(r, AC, SECOND, 100, 1);
        end(r, AB, 2 * SECOND, 200, 1); // AB ended last: AC is now the quietest
        end(r, ad, 3 * SECOND, 100, 1); // a third pair: AC is dropped
        assertThat(r.pairs()).isEqualTo(2);
        // AB still remembers 100 and 200; AC starts afresh
        assertThat(end(r, AB, 4 * SECOND, 300, 1)).containsExactly(3, 1);
        assertThat(end(r, AC, 5 * SECOND, 200, 1)).containsExactly(1, 1);
    }
}
