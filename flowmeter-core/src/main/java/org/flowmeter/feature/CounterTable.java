package org.flowmeter.feature;

import java.util.Arrays;

/**
 * A hash table from keys of five longs to a few int counters per key, held in primitive arrays:
 * no object per key, per entry or per lookup, which is what the windows of the context and load
 * sets did with hash maps of records at every flow start and end. Open addressing with linear
 * probing over a slot array at most half full; a removal shifts the entries behind it back, so
 * no tombstones pile up in a table that keys pass through.
 *
 * <p>An entry keeps its number for as long as its key is in the table (numbers of removed keys
 * are reused), so callers may hold entry numbers and keep more per-entry data in arrays of their
 * own, sized by {@link #capacity()}.
 */
final class CounterTable {
    /** Longs per key. */
    static final int KEY = 5;
    private static final int NONE = -1;

    private final int counters;
    /** Entry e's key at {@code keys[e * KEY ..]}. */
    private long[] keys;
    /** Entry e's counters at {@code counts[e * counters ..]}. */
    private int[] counts;
    /** Entry e's hash; for a free entry, the next free entry. */
    private int[] hashes;
    /** Entry number + 1 per slot; 0 is an empty slot. */
    private int[] slots;
    private int freeEntries = NONE;
    /** Entries handed out so far (free ones included). */
    private int used;
    private int size;

    /** A table of {@code counters} ints per key, first sized for {@code initialEntries} keys. */
    CounterTable(int counters, int initialEntries) {
        if (counters < 1 || initialEntries < 1) {
            throw new IllegalArgumentException("counters and initial entries must be positive");
        }
        this.counters = counters;
        int n = Integer.highestOneBit(Math.max(2, initialEntries - 1)) << 1;
        keys = new long[n * KEY];
        counts = new int[n * counters];
        hashes = new int[n];
        slots = new int[2 * n];
    }

    /** The entry of the key, or -1 when the key is not in the table. */
    int find(long k0, long k1, long k2, long k3, long k4) {
        int h = hash(k0, k1, k2, k3, k4);
        int mask = slots.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int e = slots[i] - 1;
            if (e < 0) {
                return NONE;
            }
            if (hashes[e] == h && matches(e, k0, k1, k2, k3, k4)) {
                return e;
            }
        }
    }

    /** The entry of the key, added with every counter zero when it is not in the table. */
    int add(long k0, long k1, long k2, long k3, long k4) {
        int h = hash(k0, k1, k2, k3, k4);
        int mask = slots.length - 1;
        int i = h & mask;
        for (; ; i = (i + 1) & mask) {
            int e = slots[i] - 1;
            if (e < 0) {
                break;
            }
            if (hashes[e] == h && matches(e, k0, k1, k2, k3, k4)) {
                return e;
            }
        }
        int e = newEntry();
        int k = e * KEY;
        keys[k] = k0;
        keys[k + 1] = k1;
        keys[k + 2] = k2;
        keys[k + 3] = k3;
        keys[k + 4] = k4;
        Arrays.fill(counts, e * counters, (e + 1) * counters, 0);
        hashes[e] = h;
        size++;
        if (2 * size > slots.length) {
            rehash(2 * slots.length); // also places the new entry
        } else {
            slots[i] = e + 1;
        }
        return e;
    }

    /** Removes an entry (its number is free for the next key added). */
    void remove(int entry) {
        int mask = slots.length - 1;
        int i = hashes[entry] & mask;
        while (slots[i] != entry + 1) {
            i = (i + 1) & mask;
        }
        // Shift back the entries after the hole whose probe started at or before it.
        for (int j = (i + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
            int home = hashes[slots[j] - 1] & mask;
            boolean reachesHole = i <= j ? home <= i || home > j : home <= i && home > j;
            if (reachesHole) {
                slots[i] = slots[j];
                i = j;
            }
        }
        slots[i] = 0;
        hashes[entry] = freeEntries;
        freeEntries = entry;
        size--;
    }

    int counter(int entry, int counter) {
        return counts[entry * counters + counter];
    }

    /** Adds {@code delta} to a counter and returns its new value. */
    int addTo(int entry, int counter, int delta) {
        return counts[entry * counters + counter] += delta;
    }

    /** Key part {@code part} (0-4) of an entry. */
    long key(int entry, int part) {
        return keys[entry * KEY + part];
    }

    /** Keys in the table. */
    int size() {
        return size;
    }

    /** Entry numbers are below this (arrays of per-entry data must be this long). */
    int capacity() {
        return hashes.length;
    }

    private boolean matches(int e, long k0, long k1, long k2, long k3, long k4) {
        int k = e * KEY;
        return keys[k + 2] == k2 && keys[k + 4] == k4 && keys[k] == k0 && keys[k + 1] == k1 && keys[k + 3] == k3;
    }

    private int newEntry() {
        if (freeEntries != NONE) {
            int e = freeEntries;
            freeEntries = hashes[e];
            return e;
        }
        if (used == hashes.length) {
            int n = 2 * hashes.length;
            keys = Arrays.copyOf(keys, n * KEY);
            counts = Arrays.copyOf(counts, n * counters);
            hashes = Arrays.copyOf(hashes, n);
        }
        return used++;
    }

    /** Rebuilds the slots at a new size from the entries in the table. */
    private void rehash(int newSlots) {
        boolean[] free = new boolean[used];
        for (int e = freeEntries; e != NONE; e = hashes[e]) {
            free[e] = true;
        }
        int[] s = new int[newSlots];
        int mask = newSlots - 1;
        for (int e = 0; e < used; e++) {
            if (!free[e]) {
                int i = hashes[e] & mask;
                while (s[i] != 0) {
                    i = (i + 1) & mask;
                }
                s[i] = e + 1;
            }
        }
        slots = s;
    }

    /**
     * Heap bytes of a table holding {@code keys} keys of {@code counters} counters (first sized for
     * {@code initialEntries}): its arrays after growing to hold them, with 16-byte array headers.
     */
    static long bytesFor(int keys, int counters, int initialEntries) {
        long entries = Math.max(Integer.highestOneBit(Math.max(2, initialEntries - 1)) << 1, pow2AtLeast(keys));
        long slots = Math.max(2 * entries, pow2AtLeast(2L * keys));
        return array(entries * KEY * Long.BYTES) + array(entries * counters * Integer.BYTES)
                + array(entries * Integer.BYTES) + array(slots * Integer.BYTES);
    }

    private static long pow2AtLeast(long n) {
        return n <= 1 ? 1 : Long.highestOneBit(n - 1) << 1;
    }

    private static long array(long payload) {
        return (16 + payload + 7) / 8 * 8;
    }

    /** Mixes all five parts (addresses differ in their low bits, services in few bits). */
    static int hash(long k0, long k1, long k2, long k3, long k4) {
        long h = k0 * 0x9E3779B97F4A7C15L;
        h = (h ^ k1) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ k2) * 0x9E3779B97F4A7C15L;
        h = (h ^ k3) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ k4) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }
}
