package org.flowmeter.detect;

/** What the detectors read off the running sums of a window: a count, a sum and a sum of squares. */
final class SampleStats {
    private SampleStats() {
    }

    /** Coefficient of variation from a count, a sum and a sum of squares; infinite unless the mean is positive. */
    static double variation(double n, double sum, double squares) {
        double mean = sum / n;
        if (mean <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double variance = Math.max(0.0, squares / n - mean * mean);
        return Math.sqrt(variance) / mean;
    }
}
