package org.flowmeter.training;

import org.flowmeter.labels.LabelledFlows;

/**
 * What a model is fitted on: labelled flows with the features of {@code featureSet} (the sets'
 * names, comma-separated, as the model records them), and optionally thinned readings of the
 * same captures ({@link TrainingSettings#thinnedCopies()}), whose flows are matched to their
 * originals.
 *
 * @param thinned null without thinned copies
 */
public record TrainingData(String featureSet, LabelledFlows flows, LabelledFlows thinned) {
    public TrainingData {
        if (featureSet == null || flows == null) {
            throw new IllegalArgumentException("training data needs a feature set and flows");
        }
    }
}
