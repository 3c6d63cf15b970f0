package org.flowmeter.output;

/** Number formatting shared by the text formats: integral values without a decimal point. */
final class Numbers {
    private static final double EXACT_LONG_LIMIT = 9.007199254740992E15; // 2^53

    private Numbers() {
    }

    static void append(StringBuilder sb, double v) {
        if (v == Math.rint(v) && Math.abs(v) < EXACT_LONG_LIMIT) {
            sb.append((long) v);
        } else {
            sb.append(v);
        }
    }
}
