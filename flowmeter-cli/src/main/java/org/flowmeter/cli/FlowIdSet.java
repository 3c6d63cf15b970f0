package org.flowmeter.cli;

/**
 * A set of flow ids, any {@code long}: the ids a flow meter hands out run densely from 0 and pass
 * 2^31 on long captures, which a {@link java.util.BitSet} (int indexes) cannot hold. Bits are kept
 * in pages of 2^16 ids (8 KB), found by an open-addressing table of page numbers, with the last
 * page used at hand: asking about an id (once per packet in classify's second pass) allocates nothing.
 */
final class FlowIdSet {
    private static final int PAGE_SHIFT = 16;
    private static final int WORDS = 1 << (PAGE_SHIFT - 6);
    /** Never a page number: those are below 2^48. */
    private static final long EMPTY = -1;

    private long[] numbers = emptyTable(16);
    private long[][] pages = new long[16][];
    private int used;
    private long lastNumber = EMPTY;
    private long[] lastPage;
    private long size;

    boolean contains(long id) {
        long[] page = page(id >>> PAGE_SHIFT, false);
        return page != null && (page[word(id)] & (1L << id)) != 0;
    }

    /** Adds {@code id}; whether it was new. */
    boolean add(long id) {
        long[] page = page(id >>> PAGE_SHIFT, true);
        int w = word(id);
        long bit = 1L << id;
        if ((page[w] & bit) != 0) {
            return false;
        }
        page[w] |= bit;
        size++;
        return true;
    }

    long size() {
        return size;
    }

    private static int word(long id) {
        return (int) (id >>> 6) & (WORDS - 1);
    }

    private long[] page(long number, boolean create) {
        if (number == lastNumber) {
            return lastPage;
        }
        int mask = numbers.length - 1;
        int i = slot(number, mask);
        while (numbers[i] != EMPTY) {
            if (numbers[i] == number) {
                lastNumber = number;
                lastPage = pages[i];
                return lastPage;
            }
            i = (i + 1) & mask;
        }
        if (!create) {
            return null;
        }
        if (2 * (used + 1) > numbers.length) {
            grow();
            return page(number, true);
        }
        numbers[i] = number;
        pages[i] = new long[WORDS];
        used++;
        lastNumber = number;
        lastPage = pages[i];
        return lastPage;
    }

    private void grow() {
        long[] oldNumbers = numbers;
        long[][] oldPages = pages;
        numbers = emptyTable(oldNumbers.length * 2);
        pages = new long[numbers.length][];
        int mask = numbers.length - 1;
        for (int j = 0; j < oldNumbers.length; j++) {
            if (oldNumbers[j] != EMPTY) {
                int i = slot(oldNumbers[j], mask);
                while (numbers[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                numbers[i] = oldNumbers[j];
                pages[i] = oldPages[j];
            }
        }
    }

    private static int slot(long number, int mask) {
        long h = number * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private static long[] emptyTable(int length) {
        long[] t = new long[length];
        java.util.Arrays.fill(t, EMPTY);
        return t;
    }
}
