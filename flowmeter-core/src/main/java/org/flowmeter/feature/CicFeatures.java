package org.flowmeter.feature;

import java.util.List;

/**
 * The CICFlowMeter feature set, with the column names and order of the CIC-IDS2017 "improved"
 * CSVs (see docs/cic-features.md for each definition and where CICFlowMeter's own code differs).
 * Times in microseconds, rates per second, lengths are transport payload lengths.
 */
public final class CicFeatures implements FeatureSet {
    public static final String NAME = "cic";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Column> columns() {
        return CicFlowState.COLUMNS.columns();
    }

    @Override
    public FlowFeatures newFlow() {
        return new CicFlowState();
    }
}
