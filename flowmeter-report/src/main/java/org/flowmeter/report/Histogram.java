package org.flowmeter.report;

import org.flowmeter.model.Dataset;

/**
 * Benign and malicious distributions of one feature over shared bins, each as the share of its
 * class, so a rare class stays visible. Non-negative features spanning orders of magnitude are
 * binned on log10(value), with zeros in one extra bin at the far left. Whole-numbered features
 * get bins of whole numbers centred on them (one per value when few), so no bin starts at half a packet.
 */
record Histogram(double[] edges, double[] benign, double[] malicious, boolean logScaled, boolean zeroBin,
        boolean integral) {
    private static final double ORDERS_OF_MAGNITUDE = 100;

    static Histogram of(double[] values, int[] labels, int bins) {
        boolean log = spansOrdersOfMagnitude(values);
        if (!log && integral(values)) {
            return wholeNumbers(values, labels, bins);
        }
        boolean zeroBin = log && hasZero(values);
        int valueBins = zeroBin ? bins - 1 : bins;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!(log && v == 0)) {
                double x = log ? Math.log10(v) : v;
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        if (hi <= lo) {
            hi = lo + 1;
        }
        double width = (hi - lo) / valueBins;
        double first = zeroBin ? lo - width : lo;
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = first + width * b;
        }
        double[] benign = new double[bins];
        double[] malicious = new double[bins];
        int[] bin = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (zeroBin && values[i] == 0) {
                bin[i] = 0;
            } else {
                double x = log ? Math.log10(values[i]) : values[i];
                bin[i] = Math.min(bins - 1, (int) ((x - first) / width));
            }
        }
        count(bin, labels, benign, malicious);
        return new Histogram(edges, benign, malicious, log, zeroBin, false);
    }

    private static Histogram wholeNumbers(double[] values, int[] labels, int maxBins) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (values.length == 0) {
            lo = 0;
            hi = 0;
        }
        double width = Math.max(1, Math.ceil((hi - lo + 1) / maxBins));
        int bins = (int) Math.ceil((hi - lo + 1) / width);
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = lo - 0.5 + b * width;
        }
        int[] bin = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bin[i] = Math.min(bins - 1, (int) ((values[i] - lo) / width));
        }
        double[] benign = new double[bins];
        double[] malicious = new double[bins];
        count(bin, labels, benign, malicious);
        return new Histogram(edges, benign, malicious, false, false, true);
    }

    private static void count(int[] bin, int[] labels, double[] benign, double[] malicious) {
        int benignCount = 0;
        int maliciousCount = 0;
        for (int i = 0; i < bin.length; i++) {
            if (labels[i] == Dataset.MALICIOUS) {
                malicious[bin[i]]++;
                maliciousCount++;
            } else {
                benign[bin[i]]++;
                benignCount++;
            }
        }
        scale(benign, benignCount);
        scale(malicious, maliciousCount);
    }

    private static boolean integral(double[] values) {
        for (double v : values) {
            if (v != Math.rint(v) || Math.abs(v) > 1e15) {
                return false;
            }
        }
        return true;
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
        return max > 0 && max / smallestPositive >= ORDERS_OF_MAGNITUDE;
    }

    private static boolean hasZero(double[] values) {
        for (double v : values) {
            if (v == 0) {
                return true;
            }
        }
        return false;
    }

    private static void scale(double[] counts, int total) {
        for (int b = 0; b < counts.length; b++) {
            counts[b] = total == 0 ? 0 : counts[b] / total;
        }
    }
}
