package org.flowmeter.feature;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The flows between each pair of hosts that ended recently, so that a flow can be compared with
 * its neighbours: a load test repeats one request and one answer, while password guessing,
 * fuzzing and injection vary theirs; scans and floods leave flows unanswered or reset. A flow's
 * counts are taken over the pair's flows already ended whose last packet came in the
 * {@code windowNanos} before this flow's last packet, this flow included: distinct forward and
 * backward byte totals, flows without a backward packet, and flows with a TCP reset, each capped
 * at {@link #CAP}. Each pair keeps at most {@link #CAP} ended flows (a count cannot exceed the cap anyway),
 * and at most {@code maxPairs} pairs are kept: beyond that the pair whose last flow ended longest
 * ago is dropped, so memory stays bounded when a flood ends flows of countless pairs in a minute.
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
    private record Ended(long endNanos, long forwardBytes, long backwardBytes, boolean reset) {
        boolean unanswered() {
            return backwardBytes == 0;
        }
    }

    /** How many values {@link #count} writes: forward sizes, backward sizes, unanswered, reset. */
    /** Positions in the array {@link #count} and {@link #end} fill. */
    static final int FWD_SIZES = 0;
    static final int BWD_SIZES = 1;
    static final int UNANSWERED = 2;
    static final int RESETS = 3;
    static final int COUNTS = 4;

    private final long windowNanos;
    private final Map<PairKey, ArrayDeque<Ended>> byPair;
    private final long[] seen = new long[CAP];
    private long newestEnd = Long.MIN_VALUE;
    private int sinceSweep;

    RecentFlowEnds(long windowNanos, int maxPairs) {
        this.windowNanos = windowNanos;
        // In order of each pair's last end: the eldest is the pair quiet longest.
        this.byPair = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PairKey, ArrayDeque<Ended>> eldest) {
                return size() > maxPairs;
            }
        };
    }

    /**
     * Counts, for a flow of {@code pair} ending now, over the pair's recent ended flows and its
     * own: distinct forward totals, distinct backward totals, flows without a backward packet,
     * flows with a reset, into {@code out[0..3]}. Changes nothing: used for early scores of flows still open.
     */
    void count(PairKey pair, long endNanos, long forwardBytes, long backwardBytes, boolean reset, int[] out) {
        count(byPair.get(pair), new Ended(endNanos, forwardBytes, backwardBytes, reset), out);
    }

    private void count(ArrayDeque<Ended> ended, Ended own, int[] out) {
        out[FWD_SIZES] = distinct(ended, own, true);
        out[BWD_SIZES] = distinct(ended, own, false);
        int unanswered = own.unanswered() ? 1 : 0;
        int resets = own.reset() ? 1 : 0;
        if (ended != null) {
            for (Ended e : ended) {
                if (inWindowOf(e, own.endNanos())) {
                    unanswered += e.unanswered() ? 1 : 0;
                    resets += e.reset() ? 1 : 0;
                }
            }
        }
        out[UNANSWERED] = Math.min(unanswered, CAP);
        out[RESETS] = Math.min(resets, CAP);
    }

    /** Counts as {@link #count}, then remembers the flow as ended. */
    void end(PairKey pair, long endNanos, long forwardBytes, long backwardBytes, boolean reset, int[] out) {
        Ended own = new Ended(endNanos, forwardBytes, backwardBytes, reset);
        ArrayDeque<Ended> ended = byPair.remove(pair);
        if (ended == null) {
            ended = new ArrayDeque<>(CAP);
        }
        count(ended, own, out);
        while (!ended.isEmpty() && (ended.size() >= CAP || ended.peekFirst().endNanos() <= endNanos - windowNanos)) {
            ended.pollFirst();
        }
        ended.addLast(own);
        byPair.put(pair, ended);
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

    /** Whether {@code e} ended in the window before a flow ending at {@code endNanos} (a flow reported late sees none after it). */
    private boolean inWindowOf(Ended e, long endNanos) {
        return e.endNanos() > endNanos - windowNanos && e.endNanos() <= endNanos;
    }

    private int distinct(ArrayDeque<Ended> ended, Ended own, boolean forward) {
        int n = 0;
        seen[n++] = forward ? own.forwardBytes() : own.backwardBytes();
        if (ended != null) {
            for (Ended e : ended) {
                if (!inWindowOf(e, own.endNanos())) {
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
