package org.flowmeter.feature;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The byte totals of the flows between each pair of hosts that ended recently, so that a flow
 * can be compared with its neighbours: a load test repeats one request and one answer, while
 * password guessing, fuzzing and injection vary theirs. A flow's counts are the distinct forward
 * and backward byte totals among the pair's flows already ended whose last packet came in the
 * {@code windowNanos} before this flow's last packet, this flow included, capped at {@link #CAP}.
 * Each pair keeps at most {@link #CAP} ended flows (a count cannot exceed the cap anyway).
 */
final class RecentFlowEnds {
    /** Counts stop here: beyond a few distinct sizes, more says nothing new. */
    static final int CAP = 16;
    /** How many ended flows pass between sweeps of pairs gone quiet. */
    private static final int SWEEP_EVERY = 1 << 16;

    /** A flow's source and destination host. */
    record PairKey(int version, long srcHi, long srcLo, long dstHi, long dstLo) implements java.io.Serializable {
    }

    /** One ended flow of a pair. */
    private record Ended(long endNanos, long forwardBytes, long backwardBytes) {
    }

    private final long windowNanos;
    private final Map<PairKey, ArrayDeque<Ended>> byPair = new HashMap<>();
    private final long[] seen = new long[CAP];
    private long newestEnd = Long.MIN_VALUE;
    private int sinceSweep;

    RecentFlowEnds(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /**
     * Counts, for a flow of {@code pair} ending now, the distinct forward and backward totals
     * among the pair's recent ended flows and its own, into {@code out[0]} and {@code out[1]}.
     * Changes nothing: used for early scores of flows still open.
     */
    void count(PairKey pair, long endNanos, long forwardBytes, long backwardBytes, int[] out) {
        ArrayDeque<Ended> ended = byPair.get(pair);
        out[0] = distinct(ended, endNanos, forwardBytes, true);
        out[1] = distinct(ended, endNanos, backwardBytes, false);
    }

    /** Counts as {@link #count}, then remembers the flow as ended. */
    void end(PairKey pair, long endNanos, long forwardBytes, long backwardBytes, int[] out) {
        count(pair, endNanos, forwardBytes, backwardBytes, out);
        ArrayDeque<Ended> ended = byPair.computeIfAbsent(pair, p -> new ArrayDeque<>());
        while (!ended.isEmpty() && (ended.size() >= CAP || ended.peekFirst().endNanos() <= endNanos - windowNanos)) {
            ended.pollFirst();
        }
        ended.addLast(new Ended(endNanos, forwardBytes, backwardBytes));
        newestEnd = Math.max(newestEnd, endNanos);
        if (++sinceSweep >= SWEEP_EVERY) {
            sweep();
        }
    }

    /** Pairs whose every ended flow is out of any future window (at least as old as the newest end minus the window). */
    private void sweep() {
        sinceSweep = 0;
        for (Iterator<ArrayDeque<Ended>> it = byPair.values().iterator(); it.hasNext(); ) {
            if (it.next().peekLast().endNanos() <= newestEnd - windowNanos) {
                it.remove();
            }
        }
    }

    int pairs() {
        return byPair.size();
    }

    private int distinct(ArrayDeque<Ended> ended, long endNanos, long own, boolean forward) {
        int n = 0;
        seen[n++] = own;
        if (ended != null) {
            for (Ended e : ended) {
                if (e.endNanos() <= endNanos - windowNanos || e.endNanos() > endNanos) {
                    continue;
                }
                long v = forward ? e.forwardBytes() : e.backwardBytes();
                boolean known = false;
                for (int i = 0; i < n && !known; i++) {
                    known = seen[i] == v;
                }
                if (!known && n < CAP) {
                    seen[n++] = v;
                }
            }
        }
        return n;
    }
}
