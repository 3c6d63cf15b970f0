package org.flowmeter.model;

import java.util.Map;

/**
 * A model that scores one flow's feature values (in the order of {@link #features()}) with the
 * probability of being malicious: the logistic regression or the gradient-boosted trees.
 * Implementations are immutable and score without allocating.
 */
public interface FlowModel {
    /** The kind written in model files: {@code logistic} or {@code gbt}. */
    String kind();

    String featureSet();

    String[] features();

    int featureCount();

    /** The probability of being malicious; NaN when an input is NaN. */
    double score(double[] raw);

    double threshold();

    /** NaN scores are never malicious. */
    default boolean isMalicious(double score) {
        return score >= threshold();
    }

    FlowModel withThreshold(double threshold);

    FlowModel withMetadata(Map<String, Object> metadata);

    /** The same model reading raw inputs, which it compresses with these log scales first (LogScale). */
    FlowModel withLogScale(double[] scales);

    /** Unmodifiable, in insertion order. */
    Map<String, Object> metadata();
}
