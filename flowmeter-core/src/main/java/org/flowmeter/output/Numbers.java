package org.flowmeter.output;

/**
 * Number formatting for the text formats. Integral values print as integers; other values with
 * {@value #DIGITS} significant digits, plain between 1e-5 and 1e15 and in E notation outside.
 * Twelve digits are far beyond what any flow statistic means, and formatting this way costs a
 * small fraction of {@code Double.toString} on Java 17, which dominated writing many flows.
 */
final class Numbers {
    static final int DIGITS = 12;
    private static final double EXACT_LONG_LIMIT = 9.007199254740992E15; // 2^53
    private static final double[] POW10 = new double[40];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private Numbers() {
    }

    static void append(TextBuffer sb, double v) {
        if (v == Math.rint(v) && Math.abs(v) < EXACT_LONG_LIMIT) {
            sb.append((long) v);
            return;
        }
        if (!Double.isFinite(v)) {
            sb.append(Double.toString(v));
            return;
        }
        if (v < 0) {
            sb.append('-');
            v = -v;
        }
        int exponent = (int) Math.floor(Math.log10(v));
        int shift = DIGITS - 1 - exponent;
        long digits = Math.round(scale(v, shift));
        if (digits >= (long) POW10[DIGITS]) { // rounding carried into a new digit (9.99.. -> 10.0)
            exponent++;
            shift--;
            digits = Math.round(scale(v, shift));
        }
        if (exponent >= -5 && exponent < 15) {
            appendPlain(sb, digits, shift);
        } else {
            appendScientific(sb, digits, exponent);
        }
    }

    private static double scale(double v, int shift) {
        if (shift >= 0) {
            return shift < POW10.length ? v * POW10[shift] : v * Math.pow(10, shift);
        }
        return -shift < POW10.length ? v / POW10[-shift] : v / Math.pow(10, -shift);
    }

    /** digits * 10^-shift, with trailing zeros of the fraction dropped. */
    private static void appendPlain(TextBuffer sb, long digits, int shift) {
        if (shift <= 0) {
            sb.append(digits);
            for (int i = 0; i < -shift; i++) {
                sb.append('0');
            }
            return;
        }
        long unit = (long) POW10[Math.min(shift, 18)];
        long whole = shift > 18 ? 0 : digits / unit;
        long fraction = shift > 18 ? digits : digits % unit;
        sb.append(whole);
        if (fraction == 0) {
            return;
        }
        int fractionDigits = shift;
        while (fraction % 10 == 0) {
            fraction /= 10;
            fractionDigits--;
        }
        sb.append('.').appendPadded(fraction, fractionDigits);
    }

    private static void appendScientific(TextBuffer sb, long digits, int exponent) {
        while (digits % 10 == 0) {
            digits /= 10;
        }
        long lead = digits;
        long unit = 1;
        while (lead >= 10) {
            lead /= 10;
            unit *= 10;
        }
        sb.append(lead);
        if (unit > 1) {
            long rest = digits - lead * unit;
            int restDigits = Long.toString(unit).length() - 1;
            while (rest % 10 == 0) {
                rest /= 10;
                restDigits--;
            }
            sb.append('.').appendPadded(rest, restDigits);
        }
        sb.append('E').append((long) exponent);
    }
}
