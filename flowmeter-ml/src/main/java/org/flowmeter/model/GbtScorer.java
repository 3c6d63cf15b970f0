package org.flowmeter.model;

/**
 * {@link GbtModel}'s trees scored for one thread: each input a split reads is compressed
 * ({@link LogScale}) and rounded to float once per flow, into a scratch row, and the walk compares
 * floats. {@link GbtModel#margin} compresses at every split it passes instead (several times per
 * input and flow); both compare {@code (float) compressed} with the split and add the leaves in
 * the same order, so the scores are identical to the last bit.
 */
final class GbtScorer implements FlowModel.Scorer {
    private final int featureCount;
    private final int[] read;
    private final double[] logScale;
    private final double baseMargin;
    private final int[] roots;
    private final int[] feature;
    private final float[] split;
    private final int[] left;
    private final int[] right;
    private final boolean[] defaultLeft;
    private final double[] leaf;
    /** The inputs as the splits see them; only the positions in {@link #read} are used. */
    private final float[] row;

    GbtScorer(int featureCount, int[] read, double[] logScale, double baseMargin, int[] roots, int[] feature,
              float[] split, int[] left, int[] right, boolean[] defaultLeft, double[] leaf) {
        this.featureCount = featureCount;
        this.read = read;
        this.logScale = logScale;
        this.baseMargin = baseMargin;
        this.roots = roots;
        this.feature = feature;
        this.split = split;
        this.left = left;
        this.right = right;
        this.defaultLeft = defaultLeft;
        this.leaf = leaf;
        this.row = new float[featureCount];
    }

    @Override
    public double score(double[] raw) {
        return LogisticModel.sigmoid(margin(raw));
    }

    /** Exactly {@link GbtModel#margin}. */
    double margin(double[] raw) {
        if (raw.length != featureCount) {
            throw new IllegalArgumentException("expected " + featureCount + " feature values, got " + raw.length);
        }
        float[] x = row;
        for (int f : read) {
            // A double that is not NaN never rounds to a float NaN, so the NaN test below is the double's.
            x[f] = (float) (logScale == null ? raw[f] : LogScale.apply(raw[f], logScale[f]));
        }
        double z = baseMargin;
        for (int root : roots) {
            int node = root;
            int l;
            while ((l = left[node]) >= 0) {
                float v = x[feature[node]];
                boolean goLeft = v != v ? defaultLeft[node] : v < split[node];
                node = root + (goLeft ? l : right[node]);
            }
            z += leaf[node];
        }
        return z;
    }
}
