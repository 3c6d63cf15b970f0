package org.flowmeter.detect;

import java.util.Arrays;

/**
 * A fixed-size table of detector keys (up to two addresses and a service), four-way set
 * associative: a new key replaces the least recently seen key of its bucket, preferring keys
 * that are not part of a detected pattern. Each slot also holds the span of flow start times a
 * detected pattern covers ({@link #flag}). Memory is fixed at construction; nothing is allocated
 * per flow.
 */
final class KeyTable {
    static final int WAYS = 4;
    private static final int KEY_LONGS = 5;

    private final int bucketMask;
    private final long[] keys;
    private final long[] lastSeen;
    private final boolean[] used;
    private final long[] from;
    private final long[] until;
    private boolean fresh;
    private long evictions;

    KeyTable(int capacity) {
        int buckets = Integer.highestOneBit(Math.max(1, capacity / WAYS));
        this.bucketMask = buckets - 1;
        int slots = buckets * WAYS;
        this.keys = new long[slots * KEY_LONGS];
        this.lastSeen = new long[slots];
        this.used = new boolean[slots];
        this.from = new long[slots];
        this.until = new long[slots];
        Arrays.fill(from, Long.MAX_VALUE);
    }

    int slots() {
        return used.length;
    }

    /** The key's slot, or -1 when the table does not hold it. */
    int find(long k0, long k1, long k2, long k3, long k4) {
        int first = (hash(k0, k1, k2, k3, k4) & bucketMask) * WAYS;
        for (int s = first; s < first + WAYS; s++) {
            int at = s * KEY_LONGS;
            if (used[s] && keys[at] == k0 && keys[at + 1] == k1 && keys[at + 2] == k2 && keys[at + 3] == k3
                    && keys[at + 4] == k4) {
                return s;
            }
        }
        return -1;
    }

    /** The key's slot, taking one (and clearing its span) when the key is new; see {@link #fresh()}. */
    int findOrAdd(long k0, long k1, long k2, long k3, long k4, long nanos) {
        int s = find(k0, k1, k2, k3, k4);
        if (s >= 0) {
            fresh = false;
            lastSeen[s] = Math.max(lastSeen[s], nanos);
            return s;
        }
        s = victim((hash(k0, k1, k2, k3, k4) & bucketMask) * WAYS);
        if (used[s]) {
            evictions++;
        }
        int at = s * KEY_LONGS;
        keys[at] = k0;
        keys[at + 1] = k1;
        keys[at + 2] = k2;
        keys[at + 3] = k3;
        keys[at + 4] = k4;
        used[s] = true;
        lastSeen[s] = nanos;
        from[s] = Long.MAX_VALUE;
        until[s] = Long.MIN_VALUE;
        fresh = true;
        return s;
    }

    private int victim(int first) {
        int best = -1;
        for (int s = first; s < first + WAYS; s++) {
            if (!used[s]) {
                return s;
            }
            if (best < 0 || rank(s) < rank(best)) {
                best = s;
            }
        }
        return best;
    }

    /** Unflagged keys go first, then the least recently seen. */
    private double rank(int s) {
        return (flagged(s) ? 1e30 : 0) + lastSeen[s] / 1e9;
    }

    /** Whether the last {@link #findOrAdd} took a new slot (its detector state must be reset). */
    boolean fresh() {
        return fresh;
    }

    long evictions() {
        return evictions;
    }

    boolean flagged(int slot) {
        return from[slot] != Long.MAX_VALUE;
    }

    /** Widens the slot's covered span of flow starts to include [{@code start}, {@code end}]. */
    void flag(int slot, long start, long end) {
        from[slot] = Math.min(from[slot], start);
        until[slot] = Math.max(until[slot], end);
    }

    long flaggedUntil(int slot) {
        return until[slot];
    }

    /** Whether a flow that started at {@code nanos} lies in the slot's flagged span. */
    boolean covers(int slot, long nanos) {
        return slot >= 0 && from[slot] <= nanos && nanos <= until[slot];
    }

    static int hash(long k0, long k1, long k2, long k3, long k4) {
        long h = mix(k0) ^ Long.rotateLeft(mix(k1), 13) ^ Long.rotateLeft(mix(k2), 27)
                ^ Long.rotateLeft(mix(k3), 41) ^ Long.rotateLeft(mix(k4), 53);
        return (int) (mix(h) >>> 32);
    }

    /** SplitMix64's finaliser: spreads every input bit over the word. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
