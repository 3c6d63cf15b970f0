package org.flowmeter.feature;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * Heap bytes the set holds for a meter whatever its flows (windows over recent flows), at
     * their worst case; a memory cap counts them before any flow. 0 for sets with per-flow state only.
     */
    default long sharedStateBytes() {
        return 0;
    }

    /**
     * This set for a meter under a memory cap of {@code capBytes}: a set whose shared state at its
     * worst case would take a large share of a small cap bounds it lower (fewer recent flows
     * held). By default the set itself.
     */
    default FeatureSet within(long capBytes) {
        return this;
    }

    /**
     * Whether a flow cut by a file boundary can be joined with its continuation to the values of
     * one pass ({@link FlowFeatures#append}); sets that cannot refuse to join.
     */
    default boolean joinsAcrossFiles() {
        return false;
    }

    /**
     * This set for a meter whose flows are read only for the columns named (a model's inputs, no
     * rows of features): the same name and columns, but its flows may skip the per-packet work
     * of state that none of those columns is read from. A flow's value of a column whose state was
     * skipped is never given: {@link FlowFeatures#values} and {@link FlowFeatures#write} throw for
     * it. By default (a set whose columns all read one state) the set itself.
     */
    default FeatureSet computing(Collection<String> columns) {
        return this;
    }

    /** A flow's values of this set by column name, in column order (for tests and inspection, not the hot path). */
    default Map<String, Double> valuesByName(FlowFeatures state) {
        List<Column> columns = columns();
        double[] v = new double[columns.size()];
        state.values(v, 0);
        Map<String, Double> byName = new LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) {
            byName.put(columns.get(i).name(), v[i]);
        }
        return byName;
    }
}
