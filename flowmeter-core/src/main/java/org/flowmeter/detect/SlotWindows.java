package org.flowmeter.detect;

import java.util.Arrays;

/**
 * Per-slot counts over the current and the previous window of a fixed length (a tumbling window
 * that keeps its predecessor, so a pattern that straddles a window boundary still adds up): a
 * few summed metrics, a bitmap for counting distinct values, and the earliest flow start that
 * counted. Times are flow start times; a time before the current window counts in it.
 */
final class SlotWindows {
    private final long window;
    private final int metrics;
    private final int words;
    private final long[] start;
    private final double[] cur;
    private final double[] prev;
    private final long[] curBits;
    private final long[] prevBits;
    private final long[] curFirst;
    private final long[] prevFirst;

    SlotWindows(int slots, long windowNanos, int metrics, int bitmapWords) {
        this.window = windowNanos;
        this.metrics = metrics;
        this.words = bitmapWords;
        this.start = new long[slots];
        this.cur = new double[slots * metrics];
        this.prev = new double[slots * metrics];
        this.curBits = new long[slots * bitmapWords];
        this.prevBits = new long[slots * bitmapWords];
        this.curFirst = new long[slots];
        this.prevFirst = new long[slots];
        Arrays.fill(start, Long.MIN_VALUE);
    }

    long window() {
        return window;
    }

    /** Forgets everything of the slot (a new key took it). */
    void reset(int slot) {
        start[slot] = Long.MIN_VALUE;
        clear(slot, cur, curBits, curFirst);
        clear(slot, prev, prevBits, prevFirst);
    }

    /** Moves the slot's windows forward so that {@code nanos} falls in the current one. */
    void roll(int slot, long nanos) {
        long s = start[slot];
        if (s == Long.MIN_VALUE) {
            start[slot] = nanos;
            curFirst[slot] = Long.MAX_VALUE;
            prevFirst[slot] = Long.MAX_VALUE;
            return;
        }
        if (nanos - s < window) {
            return;
        }
        if (nanos - s < 2 * window) {
            System.arraycopy(cur, slot * metrics, prev, slot * metrics, metrics);
            System.arraycopy(curBits, slot * words, prevBits, slot * words, words);
            prevFirst[slot] = curFirst[slot];
            start[slot] = s + window;
        } else {
            clear(slot, prev, prevBits, prevFirst);
            start[slot] = nanos;
        }
        clear(slot, cur, curBits, curFirst);
    }

    private void clear(int slot, double[] m, long[] bits, long[] first) {
        Arrays.fill(m, slot * metrics, slot * metrics + metrics, 0.0);
        Arrays.fill(bits, slot * words, slot * words + words, 0L);
        first[slot] = Long.MAX_VALUE;
    }

    /** Notes a flow start that counts (after {@link #roll}). */
    void counted(int slot, long flowStart) {
        curFirst[slot] = Math.min(curFirst[slot], flowStart);
    }

    void add(int slot, int metric, double value) {
        cur[slot * metrics + metric] += value;
    }

    /** Sets the bit of {@code value} in the current bitmap. */
    void mark(int slot, long value) {
        int bit = (int) (KeyTable.mix(value) >>> 32) & (words * 64 - 1);
        curBits[slot * words + (bit >>> 6)] |= 1L << bit;
    }

    /** The metric over both windows. */
    double sum(int slot, int metric) {
        return cur[slot * metrics + metric] + prev[slot * metrics + metric];
    }

    /**
     * Distinct values marked over both windows, estimated from the bits set (linear counting:
     * exact while values are few against the bitmap, within a few per cent up to about its size).
     */
    double distinct(int slot) {
        int set = 0;
        for (int i = slot * words; i < slot * words + words; i++) {
            set += Long.bitCount(curBits[i] | prevBits[i]);
        }
        int bits = words * 64;
        if (set >= bits) {
            return bits * Math.log(bits);
        }
        return -bits * Math.log(1.0 - (double) set / bits);
    }

    /** The earliest counted flow start over both windows (Long.MAX_VALUE when none counted). */
    long firstStart(int slot) {
        return Math.min(curFirst[slot], prevFirst[slot]);
    }
}
