package org.flowmeter.feature;

import java.util.Arrays;

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

    /** How many values {@link #count} writes: forward sizes, backward sizes, unanswered, reset. */
    /** Positions in the array {@link #count} and {@link #end} fill. */
    static final int FWD_SIZES = 0;
    static final int BWD_SIZES = 1;
    static final int UNANSWERED = 2;
    static final int RESETS = 3;
    static final int COUNTS = 4;

    /* A pair's counters in the table: its eldest and newest ended flow and how many it keeps. */
    private static final int HEAD = 0;
    private static final int TAIL = 1;
    private static final int SIZE = 2;
    private static final int NONE = -1;

    private final long windowNanos;
    private final int maxPairs;
    /** The pairs, keyed (version, source, destination); entry numbers index the arrays below. */
    private final CounterTable byPair = new CounterTable(3, 256);
    /** Per pair: its neighbours in order of each pair's last end (eldest first). */
    private int[] older = new int[0];
    private int[] newer = new int[0];
    private int eldest = NONE;
    private int youngest = NONE;
    /* Ended flows, in lists per pair from eldest to newest: end, byte totals each way, reset, next. */
    private long[] ends = new long[256];
    private long[] forwards = new long[256];
    private long[] backwards = new long[256];
    private boolean[] resets = new boolean[256];
    private int[] next = new int[256];
    private int freeEnded = NONE;
    private int usedEnded;
    private final long[] seen = new long[CAP];
    private long newestEnd = Long.MIN_VALUE;
    private int sinceSweep;

    RecentFlowEnds(long windowNanos, int maxPairs) {
        this.windowNanos = windowNanos;
        this.maxPairs = maxPairs;
    }

    /**
     * Counts, for a flow of {@code pair} ending now, over the pair's recent ended flows and its
     * own: distinct forward totals, distinct backward totals, flows without a backward packet,
     * flows with a reset, into {@code out[0..3]}. Changes nothing: used for early scores of flows still open.
     */
    void count(PairKey pair, long endNanos, long forwardBytes, long backwardBytes, boolean reset, int[] out) {
        int p = find(pair);
        count(p < 0 ? NONE : byPair.counter(p, HEAD), endNanos, forwardBytes, backwardBytes, reset, out);
    }

    private void count(int head, long endNanos, long forwardBytes, long backwardBytes, boolean reset, int[] out) {
        out[FWD_SIZES] = distinct(head, endNanos, forwardBytes, forwards);
        out[BWD_SIZES] = distinct(head, endNanos, backwardBytes, backwards);
        int unanswered = backwardBytes == 0 ? 1 : 0;
        int resetCount = reset ? 1 : 0;
        for (int e = head; e != NONE; e = next[e]) {
            if (inWindowOf(e, endNanos)) {
                unanswered += backwards[e] == 0 ? 1 : 0;
                resetCount += resets[e] ? 1 : 0;
            }
        }
        out[UNANSWERED] = Math.min(unanswered, CAP);
        out[RESETS] = Math.min(resetCount, CAP);
    }

    /** Counts as {@link #count}, then remembers the flow as ended. */
    void end(PairKey pair, long endNanos, long forwardBytes, long backwardBytes, boolean reset, int[] out) {
        int p = find(pair);
        if (p < 0) {
            if (byPair.size() == maxPairs) {
                removePair(eldest); // the pair quiet longest makes room
            }
            p = byPair.add(pair.version(), pair.srcHi(), pair.srcLo(), pair.dstHi(), pair.dstLo());
            if (older.length < byPair.capacity()) {
                older = Arrays.copyOf(older, byPair.capacity());
                newer = Arrays.copyOf(newer, byPair.capacity());
            }
            byPair.addTo(p, HEAD, NONE);
            byPair.addTo(p, TAIL, NONE);
        } else {
            unlink(p);
        }
        linkYoungest(p);
        count(byPair.counter(p, HEAD), endNanos, forwardBytes, backwardBytes, reset, out);
        for (int e = byPair.counter(p, HEAD);
             e != NONE && (byPair.counter(p, SIZE) >= CAP || ends[e] <= endNanos - windowNanos);
             e = byPair.counter(p, HEAD)) {
            byPair.addTo(p, HEAD, next[e] - e);
            byPair.addTo(p, SIZE, -1);
            freeEnded(e);
        }
        int own = newEnded(endNanos, forwardBytes, backwardBytes, reset);
        int tail = byPair.counter(p, TAIL);
        if (byPair.counter(p, HEAD) == NONE) {
            byPair.addTo(p, HEAD, own - NONE);
        } else {
            next[tail] = own;
        }
        byPair.addTo(p, TAIL, own - tail);
        byPair.addTo(p, SIZE, 1);
        newestEnd = Math.max(newestEnd, endNanos);
        if (++sinceSweep >= SWEEP_EVERY) {
            sweep();
        }
    }

    /** Pairs whose every ended flow is out of any future window (at least as old as the newest end minus the window). */
    private void sweep() {
        sinceSweep = 0;
        for (int p = eldest; p != NONE; ) {
            int after = newer[p];
            if (ends[byPair.counter(p, TAIL)] <= newestEnd - windowNanos) {
                removePair(p);
            }
            p = after;
        }
    }

    int pairs() {
        return byPair.size();
    }

    /** Heap bytes of a window of {@code maxPairs} pairs at its worst case (every pair with {@link #CAP} ended flows). */
    static long worstCaseBytes(int maxPairs) {
        long pairs = CounterTable.bytesFor(maxPairs, 3, 256);
        long perPair = Math.max(0, Long.highestOneBit(Math.max(1, maxPairs - 1)) << 1);
        long ended = Math.max(256, Long.highestOneBit(Math.max(1, (long) CAP * maxPairs - 1)) << 1);
        return pairs + 2 * 16 + perPair * (4 + 4) + 5 * 16 + ended * (8 + 8 + 8 + 1 + 4) + 16 + 8L * CAP;
    }

    /** Whether ended flow {@code e} ended in the window before a flow ending at {@code endNanos} (a flow reported late sees none after it). */
    private boolean inWindowOf(int e, long endNanos) {
        return ends[e] > endNanos - windowNanos && ends[e] <= endNanos;
    }

    private int distinct(int head, long endNanos, long own, long[] totals) {
        int n = 0;
        seen[n++] = own;
        for (int e = head; e != NONE; e = next[e]) {
            if (!inWindowOf(e, endNanos)) {
                continue;
            }
            long v = totals[e];
            boolean known = false;
            for (int i = 0; i < n && !known; i++) {
                known = seen[i] == v;
            }
            if (!known && n < CAP) {
                seen[n++] = v;
            }
        }
        return n;
    }

    private int find(PairKey pair) {
        return byPair.find(pair.version(), pair.srcHi(), pair.srcLo(), pair.dstHi(), pair.dstLo());
    }

    private void removePair(int p) {
        for (int e = byPair.counter(p, HEAD); e != NONE; ) {
            int after = next[e];
            freeEnded(e);
            e = after;
        }
        unlink(p);
        byPair.remove(p);
    }

    private int newEnded(long endNanos, long forwardBytes, long backwardBytes, boolean reset) {
        int e;
        if (freeEnded != NONE) {
            e = freeEnded;
            freeEnded = next[e];
        } else {
            if (usedEnded == next.length) {
                int n = 2 * next.length;
                ends = Arrays.copyOf(ends, n);
                forwards = Arrays.copyOf(forwards, n);
                backwards = Arrays.copyOf(backwards, n);
                resets = Arrays.copyOf(resets, n);
                next = Arrays.copyOf(next, n);
            }
            e = usedEnded++;
        }
        ends[e] = endNanos;
        forwards[e] = forwardBytes;
        backwards[e] = backwardBytes;
        resets[e] = reset;
        next[e] = NONE;
        return e;
    }

    private void freeEnded(int e) {
        next[e] = freeEnded;
        freeEnded = e;
    }

    private void linkYoungest(int p) {
        older[p] = youngest;
        newer[p] = NONE;
        if (youngest != NONE) {
            newer[youngest] = p;
        } else {
            eldest = p;
        }
        youngest = p;
    }

    private void unlink(int p) {
        if (older[p] != NONE) {
            newer[older[p]] = newer[p];
        } else {
            eldest = newer[p];
        }
        if (newer[p] != NONE) {
            older[newer[p]] = older[p];
        } else {
            youngest = older[p];
        }
    }
}
