package org.flowmeter.decode;

/**
 * Counts skipped packets by the value that made them skipped (a link type, an EtherType), so
 * that a summary can name it. A few distinct values are kept; the rest are counted together.
 * Allocates nothing while counting.
 */
final class SkipDetails {
    private static final int SLOTS = 8;

    private final int[] values = new int[SLOTS];
    private final long[] counts = new long[SLOTS];
    private int used;
    private long others;

    void count(int value) {
        for (int i = 0; i < used; i++) {
            if (values[i] == value) {
                counts[i]++;
                return;
            }
        }
        if (used < SLOTS) {
            values[used] = value;
            counts[used++] = 1;
        } else {
            others++;
        }
    }

    /** "name value: count" for each value, in first-seen order, e.g. "link type 23: 5 packets". */
    String describe(String name, boolean hex) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < used; i++) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(name).append(' ').append(hex ? String.format("0x%04x", values[i]) : Integer.toString(values[i]))
                    .append(": ").append(counts[i]);
        }
        if (others > 0) {
            s.append(s.length() > 0 ? ", " : "").append(name).append(" (others): ").append(others);
        }
        return s.toString();
    }
}
