package org.flowmeter.feature;

import java.util.Collection;
import java.util.List;

/**
 * The CICFlowMeter feature set, with the column names and order of the CIC-IDS2017 "improved"
 * CSVs (see docs/cic-features.md for each definition and where CICFlowMeter's own code differs).
 * Times in microseconds, rates per second, lengths are transport payload lengths.
 */
public final class CicFeatures implements FeatureSet {
    public static final String NAME = "cic";
    /** The parts of the state its flows keep (see {@link CicFlowState#FLOW_GAPS} and after). */
    private final int parts;

    public CicFeatures() {
        this(CicFlowState.COLUMNS.allParts());
    }

    private CicFeatures(int parts) {
        this.parts = parts;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Column> columns() {
        return CicFlowState.COLUMNS.columns();
    }

    /** Flows keep only the state the columns named are read from. */
    @Override
    public FeatureSet computing(Collection<String> columns) {
        int needed = CicFlowState.COLUMNS.partsFor(columns);
        return needed == parts ? this : new CicFeatures(needed);
    }

    @Override
    public FlowFeatures newFlow() {
        return new CicFlowState(parts);
    }
}
