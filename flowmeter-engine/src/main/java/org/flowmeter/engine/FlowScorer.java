package org.flowmeter.engine;

import java.util.Arrays;
import java.util.List;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureVector;
import org.flowmeter.flow.Flow;
import org.flowmeter.model.FlowModel;

/**
 * Scores flows with a model: picks the model's features from the flow, in the model's order.
 * Only the features the model reads are computed ({@link FlowModel#readsFeature()}). Scoring
 * ({@link #score(Flow)}, {@link #score(double[])}) is for one thread at a time; snapshots may be
 * taken on another.
 */
public final class FlowScorer {
    private final FlowModel model;
    private final FlowModel.Scorer scorer;
    private final FeatureVector vector;
    /**
     * Snapshots are taken on the meter's thread while {@link #score(Flow)} may run on another:
     * each has its own vector, whose scratch row the other must not overwrite.
     */
    private final FeatureVector snapshotVector;
    private final double[] values;

    public FlowScorer(FlowModel model, List<FeatureSet> sets) {
        this.model = model;
        this.scorer = model.newScorer();
        List<String> names = Arrays.asList(model.features());
        boolean[] read = model.readsFeature();
        this.vector = new FeatureVector(sets, names, read);
        this.snapshotVector = new FeatureVector(sets, names, read);
        this.values = new double[vector.size()];
    }

    public double score(Flow flow) {
        vector.fill(flow, values);
        return scorer.score(values);
    }

    /** The model's features of the flow as they are now, in a new array (to be scored later, elsewhere). */
    double[] snapshot(Flow flow) {
        return snapshot(flow, null);
    }

    /**
     * As {@link #snapshot(Flow)}, into {@code reuse} when it is an earlier snapshot of this scorer
     * (the columns the model does not read are never written, so they are still zero).
     */
    double[] snapshot(Flow flow, double[] reuse) {
        double[] v = reuse != null && reuse.length == values.length ? reuse : new double[values.length];
        snapshotVector.fill(flow, v);
        return v;
    }

    /** The length of a snapshot's array (the model's columns). */
    int snapshotLength() {
        return values.length;
    }

    /** Scores features taken by {@link #snapshot}. */
    double score(double[] features) {
        return scorer.score(features);
    }

    public boolean isMalicious(double score) {
        return model.isMalicious(score);
    }

    public FlowModel model() {
        return model;
    }
}
