package org.flowmeter.feature;

/**
 * {@link RunningStats} for several streams of a flow packed into one {@code double[]}: a stream
 * takes {@link #WIDTH} slots from its offset (count, sum, min, max, mean, M2). One array instead
 * of an object per stream saves the headers and references of each and keeps a flow's
 * statistics together in memory; the arithmetic is RunningStats' own, step for step, so values
 * are identical to the last bit.
 */
final class PackedStats {
    /** Slots per stream. */
    static final int WIDTH = 6;
    private static final int COUNT = 0;
    private static final int SUM = 1;
    private static final int MIN = 2;
    private static final int MAX = 3;
    private static final int MEAN = 4;
    private static final int M2 = 5;

    private PackedStats() {
    }

    /** An array for {@code streams} empty streams. */
    static double[] of(int streams) {
        double[] a = new double[streams * WIDTH];
        for (int at = 0; at < a.length; at += WIDTH) {
            a[at + MIN] = Double.POSITIVE_INFINITY;
            a[at + MAX] = Double.NEGATIVE_INFINITY;
        }
        return a;
    }

    static void add(double[] a, int at, double x) {
        double count = a[at + COUNT] + 1;
        a[at + COUNT] = count;
        a[at + SUM] += x;
        if (x < a[at + MIN]) {
            a[at + MIN] = x;
        }
        if (x > a[at + MAX]) {
            a[at + MAX] = x;
        }
        double mean = a[at + MEAN];
        double delta = x - mean;
        mean += delta / count;
        a[at + MEAN] = mean;
        a[at + M2] += delta * (x - mean);
    }

    /** Adds every value of the stream at {@code from} in {@code b} to the stream at {@code at} in {@code a}. */
    static void merge(double[] a, int at, double[] b, int from) {
        double otherCount = b[from + COUNT];
        if (otherCount == 0) {
            return;
        }
        double count = a[at + COUNT];
        if (count == 0) {
            System.arraycopy(b, from, a, at, WIDTH);
            return;
        }
        double n = count + otherCount;
        double delta = b[from + MEAN] - a[at + MEAN];
        a[at + MEAN] += delta * otherCount / n;
        a[at + M2] += b[from + M2] + delta * delta * (count * otherCount / n);
        a[at + COUNT] = n;
        a[at + SUM] += b[from + SUM];
        a[at + MIN] = Math.min(a[at + MIN], b[from + MIN]);
        a[at + MAX] = Math.max(a[at + MAX], b[from + MAX]);
    }

    static long count(double[] a, int at) {
        return (long) a[at + COUNT];
    }

    static double sum(double[] a, int at) {
        return a[at + SUM];
    }

    /** Smallest value, 0 when empty. */
    static double min(double[] a, int at) {
        return a[at + COUNT] == 0 ? 0 : a[at + MIN];
    }

    /** Largest value, 0 when empty. */
    static double max(double[] a, int at) {
        return a[at + COUNT] == 0 ? 0 : a[at + MAX];
    }

    /** Mean, 0 when empty. */
    static double mean(double[] a, int at) {
        return a[at + COUNT] == 0 ? 0 : a[at + MEAN];
    }

    /** Population standard deviation (divides by n), 0 when empty. */
    static double populationStd(double[] a, int at) {
        double count = a[at + COUNT];
        return count == 0 ? 0 : Math.sqrt(Math.max(0, a[at + M2] / count));
    }

    /** Sample standard deviation (divides by n - 1), 0 for fewer than two values. */
    static double sampleStd(double[] a, int at) {
        double count = a[at + COUNT];
        return count < 2 ? 0 : Math.sqrt(Math.max(0, a[at + M2] / (count - 1)));
    }

    /** Population variance, 0 when empty. */
    static double populationVariance(double[] a, int at) {
        double count = a[at + COUNT];
        return count == 0 ? 0 : Math.max(0, a[at + M2] / count);
    }
}
