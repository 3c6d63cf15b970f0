package org.flowmeter.feature;

/**
 * Count, sum, min, max, mean and variance of a stream of values in O(1) memory
 * (Welford's update), with an exact merge of two partial streams (Chan et al.).
 */
public final class RunningStats implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double mean;
    private double m2;

    public void add(double x) {
        count++;
        sum += x;
        if (x < min) {
            min = x;
        }
        if (x > max) {
            max = x;
        }
        double delta = x - mean;
        mean += delta / count;
        m2 += delta * (x - mean);
    }

    /** Adds every value of {@code other} as if they had been added here. */
    public void merge(RunningStats other) {
        if (other.count == 0) {
            return;
        }
        if (count == 0) {
            copyFrom(other);
            return;
        }
        long n = count + other.count;
        double delta = other.mean - mean;
        mean += delta * other.count / n;
        m2 += other.m2 + delta * delta * ((double) count * other.count / n);
        count = n;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    /** The mean as it would be after {@link #add(double) add(x)}, this state unchanged. */
    public double meanWith(double x) {
        return mean + (x - mean) / (count + 1);
    }

    /** The population standard deviation as it would be after {@link #add(double) add(x)}, this state unchanged. */
    public double populationStdWith(double x) {
        long n = count + 1;
        double delta = x - mean;
        double nextMean = mean + delta / n;
        return Math.sqrt(Math.max(0, (m2 + delta * (x - nextMean)) / n));
    }

    /** The largest value as it would be after {@link #add(double) add(x)}, this state unchanged. */
    public double maxWith(double x) {
        return count == 0 || x > max ? x : max;
    }

    /** A copy of this state. */
    public RunningStats copy() {
        RunningStats c = new RunningStats();
        c.copyFrom(this);
        return c;
    }

    private void copyFrom(RunningStats o) {
        count = o.count;
        sum = o.sum;
        min = o.min;
        max = o.max;
        mean = o.mean;
        m2 = o.m2;
    }

    public long count() {
        return count;
    }

    public double sum() {
        return sum;
    }

    /** Smallest value, 0 when empty. */
    public double min() {
        return count == 0 ? 0 : min;
    }

    /** Largest value, 0 when empty. */
    public double max() {
        return count == 0 ? 0 : max;
    }

    /** Mean, 0 when empty. */
    public double mean() {
        return count == 0 ? 0 : mean;
    }

    /** Population standard deviation (divides by n), 0 when empty. */
    public double populationStd() {
        return count == 0 ? 0 : Math.sqrt(Math.max(0, m2 / count));
    }

    /** Sample standard deviation (divides by n - 1), 0 for fewer than two values. */
    public double sampleStd() {
        return count < 2 ? 0 : Math.sqrt(Math.max(0, m2 / (count - 1)));
    }

    /** Sample variance (divides by n - 1), 0 for fewer than two values. */
    public double sampleVariance() {
        return count < 2 ? 0 : Math.max(0, m2 / (count - 1));
    }

    /** Population variance, 0 when empty. */
    public double populationVariance() {
        return count == 0 ? 0 : Math.max(0, m2 / count);
    }
}
