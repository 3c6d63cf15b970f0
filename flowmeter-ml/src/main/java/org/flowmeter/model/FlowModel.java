package org.flowmeter.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /** Scores flows one after another; kept by one thread (it may hold scratch space). */
    @FunctionalInterface
    interface Scorer {
        /** Exactly {@link FlowModel#score}. */
        double score(double[] raw);
    }

    /**
     * A scorer for one thread that gives exactly {@link #score}'s values, faster where the model
     * can use scratch space (the trees transform each input once instead of at every split).
     */
    default Scorer newScorer() {
        return this::score;
    }

    /**
     * Per feature (in the order of {@link #features()}): whether a score reads it. An unread
     * feature may hold any value, so it need not be computed. By default every feature is read.
     */
    default boolean[] readsFeature() {
        boolean[] all = new boolean[featureCount()];
        Arrays.fill(all, true);
        return all;
    }

    /** The names of the features a score reads, in the model's order. */
    default List<String> featuresRead() {
        String[] names = features();
        boolean[] read = readsFeature();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (read[i]) {
                out.add(names[i]);
            }
        }
        return out;
    }

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
