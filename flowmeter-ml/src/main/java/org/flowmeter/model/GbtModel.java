package org.flowmeter.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Gradient-boosted trees scored in plain Java (no native library at classify time):
 * {@code score(x) = sigmoid(baseMargin + sum of the leaf each tree sends x to)}. Splits follow
 * XGBoost exactly: the value and the split point are compared as floats, {@code x < split} goes
 * left, a NaN takes the node's default side. The nodes of all trees sit in flat arrays; a tree's
 * root is at {@link #roots}{@code [t]}, a leaf has {@code left == -1}, child indices are relative
 * to the tree's root.
 */
public final class GbtModel implements FlowModel {
    public static final String KIND = "gbt";

    private final String featureSet;
    private final String[] features;
    private final double[] logScale;
    private final double baseMargin;
    private final int[] roots;
    private final int[] feature;
    private final float[] split;
    private final int[] left;
    private final int[] right;
    private final boolean[] defaultLeft;
    private final double[] leaf;
    private final double threshold;
    private final Map<String, Object> metadata;

    /** The nodes of one tree, as XGBoost lists them (children are indices within the tree). */
    public record Tree(int[] feature, float[] split, int[] left, int[] right, boolean[] defaultLeft, double[] leaf) {
        public Tree {
            int n = feature.length;
            if (split.length != n || left.length != n || right.length != n || defaultLeft.length != n || leaf.length != n) {
                throw new IllegalArgumentException("the node arrays of a tree differ in length");
            }
            if (n == 0) {
                throw new IllegalArgumentException("a tree needs at least one node");
            }
        }
    }

    public GbtModel(String featureSet, String[] features, double[] logScale, double baseMargin, Tree[] trees,
            double threshold, Map<String, Object> metadata) {
        this.featureSet = Objects.requireNonNull(featureSet, "featureSet");
        this.features = features.clone();
        this.logScale = logScale == null ? null : logScale.clone();
        this.baseMargin = baseMargin;
        this.threshold = threshold;
        this.metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        int total = 0;
        for (Tree t : trees) {
            total += t.feature().length;
        }
        roots = new int[trees.length];
        feature = new int[total];
        split = new float[total];
        left = new int[total];
        right = new int[total];
        defaultLeft = new boolean[total];
        leaf = new double[total];
        int at = 0;
        for (int k = 0; k < trees.length; k++) {
            Tree t = trees[k];
            int n = t.feature().length;
            roots[k] = at;
            for (int i = 0; i < n; i++) {
                boolean isLeaf = t.left()[i] < 0;
                if (!isLeaf && (t.left()[i] >= n || t.right()[i] < 0 || t.right()[i] >= n
                        || t.feature()[i] < 0 || t.feature()[i] >= features.length)) {
                    throw new IllegalArgumentException("tree " + k + ", node " + i + ": child or feature out of range");
                }
                if (!isLeaf && (t.left()[i] <= i || t.right()[i] <= i)) {
                    // XGBoost numbers children after their parent; this also rules out cycles.
                    throw new IllegalArgumentException("tree " + k + ", node " + i + ": a child precedes its parent");
                }
            }
            System.arraycopy(t.feature(), 0, feature, at, n);
            System.arraycopy(t.split(), 0, split, at, n);
            System.arraycopy(t.left(), 0, left, at, n);
            System.arraycopy(t.right(), 0, right, at, n);
            System.arraycopy(t.defaultLeft(), 0, defaultLeft, at, n);
            System.arraycopy(t.leaf(), 0, leaf, at, n);
            at += n;
        }
        if (logScale != null && logScale.length != features.length) {
            throw new IllegalArgumentException("logScale has " + logScale.length + " values but there are "
                    + features.length + " features");
        }
        if (!Double.isFinite(baseMargin)) {
            throw new IllegalArgumentException("baseMargin must be finite, is " + baseMargin);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be within [0, 1], is " + threshold);
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The sum of the base margin and every tree's leaf; no allocation. */
    public double margin(double[] raw) {
        if (raw.length != features.length) {
            throw new IllegalArgumentException("expected " + features.length + " feature values, got " + raw.length);
        }
        double z = baseMargin;
        for (int root : roots) {
            int node = root;
            while (left[node] >= 0) {
                int f = feature[node];
                double x = logScale == null ? raw[f] : LogScale.apply(raw[f], logScale[f]);
                boolean goLeft = Double.isNaN(x) ? defaultLeft[node] : (float) x < split[node];
                node = root + (goLeft ? left[node] : right[node]);
            }
            z += leaf[node];
        }
        return z;
    }

    @Override
    public double score(double[] raw) {
        return LogisticModel.sigmoid(margin(raw));
    }

    /**
     * Scores as {@link #score} does, bit for bit, but compresses each input a split reads once per
     * flow (instead of at every split that tests it) and walks the trees over floats.
     */
    @Override
    public Scorer newScorer() {
        return new GbtScorer(features.length, readFeatures(), logScale, baseMargin, roots, feature, split, left, right,
                defaultLeft, leaf);
    }

    /** Only the features some split tests: a leaf-only tree reads none. */
    @Override
    public boolean[] readsFeature() {
        boolean[] read = new boolean[features.length];
        for (int i = 0; i < feature.length; i++) {
            if (left[i] >= 0) {
                read[feature[i]] = true;
            }
        }
        return read;
    }

    private int[] readFeatures() {
        boolean[] read = readsFeature();
        int n = 0;
        for (boolean r : read) {
            n += r ? 1 : 0;
        }
        int[] out = new int[n];
        for (int f = 0, k = 0; f < read.length; f++) {
            if (read[f]) {
                out[k++] = f;
            }
        }
        return out;
    }

    @Override
    public GbtModel withThreshold(double newThreshold) {
        return new GbtModel(featureSet, features, logScale, baseMargin, trees(), newThreshold, metadata);
    }

    @Override
    public GbtModel withMetadata(Map<String, Object> newMetadata) {
        return new GbtModel(featureSet, features, logScale, baseMargin, trees(), threshold, newMetadata);
    }

    /** A model that compresses raw inputs logarithmically first (its splits are on compressed values). */
    public GbtModel withLogScale(double[] scales) {
        return new GbtModel(featureSet, features, scales, baseMargin, trees(), threshold, metadata);
    }

    public Tree[] trees() {
        Tree[] out = new Tree[roots.length];
        for (int k = 0; k < roots.length; k++) {
            int from = roots[k];
            int to = k + 1 < roots.length ? roots[k + 1] : feature.length;
            out[k] = new Tree(Arrays.copyOfRange(feature, from, to), Arrays.copyOfRange(split, from, to),
                    Arrays.copyOfRange(left, from, to), Arrays.copyOfRange(right, from, to),
                    Arrays.copyOfRange(defaultLeft, from, to), Arrays.copyOfRange(leaf, from, to));
        }
        return out;
    }

    /** How many splits of all trees test each feature. */
    public double[] splitCounts() {
        double[] out = new double[features.length];
        for (int i = 0; i < feature.length; i++) {
            if (left[i] >= 0) {
                out[feature[i]]++;
            }
        }
        return out;
    }

    public double baseMargin() {
        return baseMargin;
    }

    public double[] logScale() {
        return logScale == null ? null : logScale.clone();
    }

    @Override
    public String featureSet() {
        return featureSet;
    }

    @Override
    public String[] features() {
        return features.clone();
    }

    @Override
    public int featureCount() {
        return features.length;
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public Map<String, Object> metadata() {
        return metadata;
    }

    @Override
    public String toString() {
        return "GbtModel[" + featureSet + ", " + features.length + " features, " + roots.length + " trees, threshold "
                + threshold + "]";
    }
}
