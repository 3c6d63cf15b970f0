package org.flowmeter.cli;

import java.util.Arrays;
import java.util.List;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureVector;
import org.flowmeter.flow.Flow;
import org.flowmeter.model.FlowModel;

/** Scores flows with a model: picks the model's features from the flow, in the model's order. */
final class FlowScorer {
    private final FlowModel model;
    private final FeatureVector vector;
    private final double[] values;

    FlowScorer(FlowModel model, List<FeatureSet> sets) {
        this.model = model;
        this.vector = new FeatureVector(sets, Arrays.asList(model.features()));
        this.values = new double[vector.size()];
    }

    double score(Flow flow) {
        vector.fill(flow, values);
        return model.score(values);
    }

    boolean isMalicious(double score) {
        return model.isMalicious(score);
    }

    FlowModel model() {
        return model;
    }
}
