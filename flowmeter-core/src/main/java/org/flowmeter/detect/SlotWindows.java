package org.flowmeter.detect;

import java.util.Arrays;

/**
 * Per-slot counts over the current and the previous window of a fixed length (a tumbling window
 * that keeps its predecessor, so a pattern that straddles a window boundary still adds up): a
 * few summed metrics, a small set for counting distinct values exactly up to a cap (the
 * detector's threshold: beyond it only "at least the cap" matters), and the earliest flow start
 * that counted. Times are flow start times; a time before the current window counts in it.
 */
final class SlotWindows {
    /** A slot's first set of distinct values holds this many before it grows. */
    private static final int INITIAL_VALUES = 4;

    private final long window;
    private final int metrics;
    private final int cap;
    private final long[] start;
    private final double[] cur;
    private final double[] prev;
    /*
     * Each slot's distinct values, per window: null until the slot marks one, then grown by
     * doubling up to the cap. Most keys see a handful of values, so preallocating the cap for
     * every slot (tens of MB at the default table size) would hold mostly zeros.
     */
    private final long[][] curValues;
    private final long[][] prevValues;
    private final int[] curDistinct;
    private final int[] prevDistinct;
    /** Distinct values over both windows (kept as values are marked, so reading it is cheap). */
    private final int[] union;
    private final long[] curFirst;
    private final long[] prevFirst;

    SlotWindows(int slots, long windowNanos, int metrics, int distinctCap) {
        this.window = windowNanos;
        this.metrics = metrics;
        this.cap = distinctCap;
        this.start = new long[slots];
        this.cur = new double[slots * metrics];
        this.prev = new double[slots * metrics];
        this.curValues = new long[slots][];
        this.prevValues = new long[slots][];
        this.curDistinct = new int[slots];
        this.prevDistinct = new int[slots];
        this.union = new int[slots];
        this.curFirst = new long[slots];
        this.prevFirst = new long[slots];
        Arrays.fill(start, Long.MIN_VALUE);
    }

    /**
     * Heap bytes the slots' sets of distinct values reach at most (both windows of every slot
     * grown to the cap), beyond the arrays allocated at construction.
     */
    long valueSetsBytes() {
        if (cap == 0) {
            return 0;
        }
        return 2L * start.length * ((16 + 8L * cap + 7) / 8 * 8);
    }

    long window() {
        return window;
    }

    /** Forgets everything of the slot (a new key took it). */
    void reset(int slot) {
        start[slot] = Long.MIN_VALUE;
        clear(slot, cur, curDistinct, curFirst);
        clear(slot, prev, prevDistinct, prevFirst);
        union[slot] = 0;
    }

    /** {@link #roll} kept the windows, made the current one the previous one, or started afresh. */
    static final int KEPT = 0;
    static final int SHIFTED = 1;
    static final int STARTED = 2;

    /**
     * Moves the slot's windows forward so that {@code nanos} falls in the current one; says how
     * ({@link #KEPT}, {@link #SHIFTED}, {@link #STARTED}), for counts kept beside these.
     */
    int roll(int slot, long nanos) {
        long s = start[slot];
        if (s == Long.MIN_VALUE) {
            start[slot] = nanos;
            curFirst[slot] = Long.MAX_VALUE;
            prevFirst[slot] = Long.MAX_VALUE;
            return STARTED;
        }
        if (nanos - s < window) {
            return KEPT;
        }
        int how;
        if (nanos - s < 2 * window) {
            System.arraycopy(cur, slot * metrics, prev, slot * metrics, metrics);
            // The current set becomes the previous one; the old previous array is reused.
            long[] values = prevValues[slot];
            prevValues[slot] = curValues[slot];
            curValues[slot] = values;
            prevDistinct[slot] = curDistinct[slot];
            union[slot] = curDistinct[slot];
            prevFirst[slot] = curFirst[slot];
            start[slot] = s + window;
            how = SHIFTED;
        } else {
            clear(slot, prev, prevDistinct, prevFirst);
            union[slot] = 0;
            start[slot] = nanos;
            how = STARTED;
        }
        clear(slot, cur, curDistinct, curFirst);
        return how;
    }

    private void clear(int slot, double[] m, int[] distinct, long[] first) {
        Arrays.fill(m, slot * metrics, slot * metrics + metrics, 0.0);
        distinct[slot] = 0;
        first[slot] = Long.MAX_VALUE;
    }

    /** Notes a flow start that counts (after {@link #roll}). */
    void counted(int slot, long flowStart) {
        curFirst[slot] = Math.min(curFirst[slot], flowStart);
    }

    void add(int slot, int metric, double value) {
        cur[slot * metrics + metric] += value;
    }

    /** Adds {@code value} to the current window's set (once the set is full, nothing changes). */
    void mark(int slot, long value) {
        int n = curDistinct[slot];
        if (n < cap && !contains(curValues[slot], n, value)) {
            long[] values = curValues[slot];
            if (values == null || values.length == n) {
                values = values == null ? new long[Math.min(cap, INITIAL_VALUES)]
                        : Arrays.copyOf(values, Math.min(cap, 2 * n));
                curValues[slot] = values;
            }
            values[n] = value;
            curDistinct[slot] = n + 1;
            if (!contains(prevValues[slot], prevDistinct[slot], value)) {
                union[slot]++;
            }
        }
    }

    private static boolean contains(long[] values, int n, long value) {
        for (int i = 0; i < n; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    /** The metric over both windows. */
    double sum(int slot, int metric) {
        return cur[slot * metrics + metric] + prev[slot * metrics + metric];
    }

    /** Distinct values marked over both windows, exact up to the cap (and at least the cap beyond it). */
    int distinct(int slot) {
        return Math.max(union[slot], Math.max(prevDistinct[slot], curDistinct[slot]));
    }

    /**
     * Distinct values marked in the windows around {@code nanos} without moving them: both windows
     * when it falls in them, the current one alone when it falls in the window after it, else none.
     */
    int distinctAround(int slot, long nanos) {
        long s = start[slot];
        if (s == Long.MIN_VALUE || nanos < s - window || nanos >= s + 2 * window) {
            return 0;
        }
        return nanos < s + window ? distinct(slot) : curDistinct[slot];
    }

    int cap() {
        return cap;
    }

    /** The earliest counted flow start over both windows (Long.MAX_VALUE when none counted). */
    long firstStart(int slot) {
        return Math.min(curFirst[slot], prevFirst[slot]);
    }
}
