package org.flowmeter.model;

import java.util.Arrays;

/**
 * A per-feature logarithmic compression applied before standard scaling:
 * {@code x -> sign(x) * ln(1 + |x| / s)}, with {@code s} the median of the feature's non-zero
 * magnitudes in the training data. Flow features span many orders of magnitude (a duration of
 * microseconds or of hours, one packet or a million); on the raw values a linear model sees
 * only the extremes, on their logarithms it sees the shape.
 */
public final class LogScale {
    private LogScale() {
    }

    /** The scale of each feature: the median non-zero magnitude, 1 for an all-zero feature. */
    public static double[] fit(double[][] rows, int features) {
        double[] scales = new double[features];
        double[] column = new double[rows.length];
        for (int j = 0; j < features; j++) {
            int n = 0;
            for (double[] row : rows) {
                double v = Math.abs(row[j]);
                if (v > 0 && Double.isFinite(v)) {
                    column[n++] = v;
                }
            }
            if (n == 0) {
                scales[j] = 1;
                continue;
            }
            Arrays.sort(column, 0, n);
            scales[j] = column[n / 2];
        }
        return scales;
    }

    public static double apply(double x, double scale) {
        return Math.copySign(Math.log1p(Math.abs(x) / scale), x);
    }

    /** A transformed copy of the rows. */
    public static double[][] apply(double[][] rows, double[] scales) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double[] t = new double[scales.length];
            for (int j = 0; j < scales.length; j++) {
                t[j] = apply(rows[i][j], scales[j]);
            }
            out[i] = t;
        }
        return out;
    }
}
