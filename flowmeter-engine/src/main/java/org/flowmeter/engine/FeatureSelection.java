package org.flowmeter.engine;

import java.util.List;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.model.FlowModel;

/**
 * Which feature sets a run that judges flows computes: classify and live take them from here, so
 * a set no output reads is never computed.
 */
public final class FeatureSelection {
    private FeatureSelection() {
    }

    /**
     * The sets whose verdict rows show every feature ({@code allColumns}) are all computed; otherwise
     * rows show no feature, and only the sets the model reads a column of run, each keeping only the
     * state of the columns read.
     */
    public static List<FeatureSet> forVerdicts(List<FeatureSet> sets, FlowModel model, boolean allColumns) {
        return allColumns ? sets : FeatureSets.computing(sets, model.featuresRead());
    }

    /**
     * The flow configuration of a pass that only forms the flows of an earlier one again (classify's
     * second pass, which computes no feature): flows are cut alike when at most as many are open at
     * once as the earlier meter allowed, a number its feature sets' memory set.
     */
    public static FlowConfig sameFlowsAs(FlowMeter earlier, FlowConfig config) {
        return config.withMaxFlows(Math.min(config.maxFlows(), earlier.memoryBudget().openFlows()));
    }
}
