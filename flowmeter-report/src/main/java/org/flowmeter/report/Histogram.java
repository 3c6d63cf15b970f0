package org.flowmeter.report;

import org.flowmeter.model.Dataset;

/**
 * Benign and malicious distributions of one feature over shared bins, each as the share of its
 * class, so a rare class stays visible. Features spanning orders of magnitude are binned on
 * log10(1 + x).
 */
record Histogram(double[] edges, double[] benign, double[] malicious, boolean logScaled) {
    private static final double ORDERS_OF_MAGNITUDE = 1000;

    static Histogram of(double[] values, int[] labels, int bins) {
        boolean log = spansOrdersOfMagnitude(values);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            double x = log ? Math.log10(1 + v) : v;
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        if (values.length == 0) {
            lo = 0;
            hi = 1;
        }
        if (hi <= lo) {
            hi = lo + 1;
        }
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = lo + (hi - lo) * b / bins;
        }
        double[] benign = new double[bins];
        double[] malicious = new double[bins];
        int benignCount = 0;
        int maliciousCount = 0;
        for (int i = 0; i < values.length; i++) {
            double x = log ? Math.log10(1 + values[i]) : values[i];
            int b = Math.min(bins - 1, (int) ((x - lo) / (hi - lo) * bins));
            if (labels[i] == Dataset.MALICIOUS) {
                malicious[b]++;
                maliciousCount++;
            } else {
                benign[b]++;
                benignCount++;
            }
        }
        scale(benign, benignCount);
        scale(malicious, maliciousCount);
        return new Histogram(edges, benign, malicious, log);
    }

    private static boolean spansOrdersOfMagnitude(double[] values) {
        double smallestPositive = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : values) {
            if (v < 0) {
                return false;
            }
            if (v > 0) {
                smallestPositive = Math.min(smallestPositive, v);
            }
            max = Math.max(max, v);
        }
        return max > 10 && max / smallestPositive >= ORDERS_OF_MAGNITUDE;
    }

    private static void scale(double[] counts, int total) {
        for (int b = 0; b < counts.length; b++) {
            counts[b] = total == 0 ? 0 : counts[b] / total;
        }
    }
}
