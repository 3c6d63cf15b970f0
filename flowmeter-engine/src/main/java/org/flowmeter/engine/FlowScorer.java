package org.flowmeter.engine;

import java.util.Arrays;
import java.util.List;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureVector;
import org.flowmeter.flow.Flow;
import org.flowmeter.model.FlowModel;

/** Scores flows with a model: picks the model's features from the flow, in the model's order. */
public final class FlowScorer {
    private final FlowModel model;
    private final FeatureVector vector;
    /**
     * Snapshots are taken on the meter's thread while {@link #score(Flow)} may run on another:
     * each has its own vector, whose scratch row the other must not overwrite.
     */
    private final FeatureVector snapshotVector;
    private final double[] values;

    public FlowScorer(FlowModel model, List<FeatureSet> sets) {
        this.model = model;
        this.vector = new FeatureVector(sets, Arrays.asList(model.features()));
        this.snapshotVector = new FeatureVector(sets, Arrays.asList(model.features()));
        this.values = new double[vector.size()];
    }

    public double score(Flow flow) {
        vector.fill(flow, values);
        return model.score(values);
    }

    /** The model's features of the flow as they are now, in a new array (to be scored later, elsewhere). */
    double[] snapshot(Flow flow) {
        double[] v = new double[values.length];
        snapshotVector.fill(flow, v);
        return v;
    }

    /** Scores features taken by {@link #snapshot}. */
    double score(double[] features) {
        return model.score(features);
    }

    public boolean isMalicious(double score) {
        return model.isMalicious(score);
    }

    public FlowModel model() {
        return model;
    }
}
