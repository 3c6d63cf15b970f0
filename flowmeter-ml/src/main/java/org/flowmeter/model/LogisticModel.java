package org.flowmeter.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable, standardising logistic-regression classifier:
 * {@code score(x) = sigmoid(w . ((x - mean) / std) + b)}, malicious when the score reaches the
 * threshold.
 */
public final class LogisticModel implements FlowModel {
    public static final String KIND = "logistic";

    public static final double DEFAULT_THRESHOLD = 0.5;

    private final String featureSet;
    private final String[] features;
    private final double[] mean;
    private final double[] std;
    private final double[] weights;
    private final double intercept;
    private final double threshold;
    private final Map<String, Object> metadata;
    /** Scales of the logarithmic compression applied before standardising; null when there is none. */
    private final double[] logScale;

    public LogisticModel(String featureSet, String[] features, double[] mean, double[] std,
            double[] weights, double intercept, double threshold, Map<String, Object> metadata) {
        this(featureSet, features, mean, std, weights, intercept, threshold, metadata, null);
    }

    /**
     * @param logScale when not null, each raw feature x is first compressed to
     *                 {@link LogScale#apply(double, double) sign(x) ln(1 + |x| / logScale)}; mean and
     *                 std then describe the compressed values
     */
    public LogisticModel(String featureSet, String[] features, double[] mean, double[] std,
            double[] weights, double intercept, double threshold, Map<String, Object> metadata, double[] logScale) {
        this.logScale = logScale == null ? null : logScale.clone();
        this.featureSet = Objects.requireNonNull(featureSet, "featureSet");
        this.features = features.clone();
        this.mean = mean.clone();
        this.std = std.clone();
        this.weights = weights.clone();
        this.intercept = intercept;
        this.threshold = threshold;
        this.metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        validate();
    }

    private void validate() {
        int d = features.length;
        requireLength("mean", mean.length, d);
        requireLength("std", std.length, d);
        requireLength("weights", weights.length, d);
        for (int j = 0; j < d; j++) {
            Objects.requireNonNull(features[j], "feature name " + j);
            requireFinite("mean", j, mean[j]);
            requireFinite("weights", j, weights[j]);
            if (!(std[j] > 0) || !Double.isFinite(std[j])) {
                throw new IllegalArgumentException("std[" + j + "] (" + features[j] + ") must be positive and finite, is " + std[j]);
            }
        }
        if (logScale != null) {
            requireLength("logScale", logScale.length, d);
            for (int j = 0; j < d; j++) {
                if (!(logScale[j] > 0) || !Double.isFinite(logScale[j])) {
                    throw new IllegalArgumentException("logScale[" + j + "] must be positive and finite, is " + logScale[j]);
                }
            }
        }
        if (!Double.isFinite(intercept)) {
            throw new IllegalArgumentException("intercept must be finite, is " + intercept);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be within [0, 1], is " + threshold);
        }
    }

    private static void requireLength(String what, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(what + " has " + actual + " values but there are " + expected + " features");
        }
    }

    private void requireFinite(String what, int j, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + "[" + j + "] (" + features[j] + ") must be finite, is " + v);
        }
    }

    /** The linear decision value {@code w . ((x - mean) / std) + b}; no allocation. */
    public double decision(double[] raw) {
        if (raw.length != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length + " feature values, got " + raw.length);
        }
        double z = intercept;
        for (int j = 0; j < weights.length; j++) {
            double x = logScale == null ? raw[j] : LogScale.apply(raw[j], logScale[j]);
            z += weights[j] * ((x - mean[j]) / std[j]);
        }
        return z;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The probability of being malicious; NaN when an input is NaN. No allocation. */
    @Override
    public double score(double[] raw) {
        return sigmoid(decision(raw));
    }

    /** NaN scores are never malicious. */
    @Override
    public boolean isMalicious(double score) {
        return score >= threshold;
    }

    /** Never evaluates exp of a large positive number, so it neither overflows nor loses precision. */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    @Override
    public LogisticModel withThreshold(double newThreshold) {
        return new LogisticModel(featureSet, features, mean, std, weights, intercept, newThreshold, metadata, logScale);
    }

    @Override
    public LogisticModel withMetadata(Map<String, Object> newMetadata) {
        return new LogisticModel(featureSet, features, mean, std, weights, intercept, threshold, newMetadata, logScale);
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

    public double[] mean() {
        return mean.clone();
    }

    public double[] std() {
        return std.clone();
    }

    public double[] weights() {
        return weights.clone();
    }

    public double intercept() {
        return intercept;
    }

    /** The logarithmic compression's scales, or null when the model works on raw values. */
    public double[] logScale() {
        return logScale == null ? null : logScale.clone();
    }

    /** A model with a logarithmic compression of its inputs (mean and std describe compressed values). */
    public LogisticModel withLogScale(double[] scales) {
        return new LogisticModel(featureSet, features, mean, std, weights, intercept, threshold, metadata, scales);
    }

    @Override
    public double threshold() {
        return threshold;
    }

    /** Unmodifiable, in insertion order. */
    @Override
    public Map<String, Object> metadata() {
        return metadata;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogisticModel m
                && featureSet.equals(m.featureSet)
                && Arrays.equals(features, m.features)
                && Arrays.equals(mean, m.mean)
                && Arrays.equals(std, m.std)
                && Arrays.equals(logScale, m.logScale)
                && Arrays.equals(weights, m.weights)
                && Double.compare(intercept, m.intercept) == 0
                && Double.compare(threshold, m.threshold) == 0
                && metadata.equals(m.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(featureSet, Arrays.hashCode(features), Arrays.hashCode(weights), intercept, threshold);
    }

    @Override
    public String toString() {
        return "LogisticModel[" + featureSet + ", " + features.length + " features, threshold " + threshold + "]";
    }
}
