package org.flowmeter.model;

/**
 * Standardises features to zero mean and unit variance, as scikit-learn's StandardScaler does:
 * the population standard deviation (divisor n) and a scale of 1 for constant columns.
 */
public final class StandardScaler {
    private final double[] mean;
    private final double[] std;

    public StandardScaler(double[] mean, double[] std) {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std differ in length: " + mean.length + " vs " + std.length);
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** Fits on the given (training) rows only; needs at least one row. */
    public static StandardScaler fit(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot fit a scaler on zero rows");
        }
        int d = rows[0].length;
        int n = rows.length;
        double[] mean = new double[d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        // Two passes: summing squared deviations is far more accurate than E[x^2] - E[x]^2.
        double[] var = new double[d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                double dev = row[j] - mean[j];
                var[j] += dev * dev;
            }
        }
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            var[j] /= n;
            std[j] = isConstant(var[j], mean[j], n) ? 1.0 : Math.sqrt(var[j]);
        }
        return new StandardScaler(mean, std);
    }

    /**
     * A column counts as constant when its variance is within rounding noise of zero; this is the
     * bound scikit-learn uses, so a constant column whose mean is not exactly representable still
     * gets scale 1 instead of a tiny scale that would blow up its values.
     */
    private static boolean isConstant(double var, double mean, int n) {
        double eps = Math.ulp(1.0);
        double noise = n * mean * eps;
        return var <= n * eps * var + noise * noise;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] std() {
        return std.clone();
    }

    public int featureCount() {
        return mean.length;
    }

    public double[] transform(double[] row) {
        double[] out = new double[row.length];
        transformInto(row, out);
        return out;
    }

    public void transformInto(double[] row, double[] out) {
        if (row.length != mean.length) {
            throw new IllegalArgumentException("row has " + row.length + " values, scaler has " + mean.length);
        }
        for (int j = 0; j < row.length; j++) {
            out[j] = (row[j] - mean[j]) / std[j];
        }
    }

    public double[][] transform(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = transform(rows[i]);
        }
        return out;
    }
}
