package org.flowmeter.feature;

import java.util.List;

/**
 * A named group of flow features: its columns and a factory for per-flow state.
 * Register new sets in {@link FeatureSets}.
 */
public interface FeatureSet {

    /** Short name used on the command line and in model files, e.g. "deepfence". */
    String name();

    List<Column> columns();

    FlowFeatures newFlow();

    /**
     * The instance a new flow meter uses. Sets whose flows share state across the meter (the
     * host context) return a fresh instance so that meters never see each other's flows; the
     * others are stateless and return themselves.
     */
    default FeatureSet forNewMeter() {
        return this;
    }
}
