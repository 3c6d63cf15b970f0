package org.flowmeter.report;

import java.util.Arrays;

/** Round tick positions for chart axes. */
final class Ticks {
    private static final double[] STEPS = {1, 2, 5, 10};

    private Ticks() {
    }

    /**
     * At most {@code max} ticks at multiples of 1, 2 or 5 times a power of ten inside [lo, hi];
     * whole numbers only when {@code integral} (no tick at 2.5 packets).
     */
    static double[] linear(double lo, double hi, int max, boolean integral) {
        if (!(hi > lo)) {
            return new double[] {lo};
        }
        double step = niceStep((hi - lo) / Math.max(1, max - 1));
        if (integral) {
            step = Math.max(1, step);
        }
        double first = Math.ceil(lo / step - 1e-9) * step;
        double[] ticks = new double[max + 1];
        int n = 0;
        for (double t = first; t <= hi + step * 1e-9 && n < ticks.length; t = first + n * step) {
            ticks[n++] = Math.abs(t) < step * 1e-9 ? 0 : t;
        }
        return Arrays.copyOf(ticks, n);
    }

    /** Ticks from 0 up to the first round value at or above {@code top}, so the highest bar stays under the top line. */
    static double[] covering(double top, int max, boolean integral) {
        double step = niceStep(Math.max(top, integral ? 1 : 1e-9) / Math.max(1, max - 1));
        if (integral) {
            step = Math.max(1, step);
        }
        int n = (int) Math.ceil(top / step - 1e-9);
        double[] ticks = new double[Math.max(1, n) + 1];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = i * step;
        }
        return ticks;
    }

    /** Whole exponents inside [loExp, hiExp], every k-th so there are at most {@code max}. */
    static int[] powersOfTen(double loExp, double hiExp, int max) {
        int first = (int) Math.ceil(loExp - 1e-9);
        int last = (int) Math.floor(hiExp + 1e-9);
        if (last < first) {
            return new int[0];
        }
        int every = Math.max(1, (int) Math.ceil((last - first + 1) / (double) max));
        int[] out = new int[(last - first) / every + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = first + i * every;
        }
        return out;
    }

    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double s : STEPS) {
            if (s * magnitude >= raw * (1 - 1e-9)) {
                return s * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
