package org.flowmeter.feature;

import java.util.List;

/**
 * The CICFlowMeter feature set, with the column names and order of the CIC-IDS2017 "improved"
 * CSVs (see docs/cic-features.md for each definition and where CICFlowMeter's own code differs).
 * Times in microseconds, rates per second, lengths are transport payload lengths.
 */
public final class CicFeatures implements FeatureSet {
    public static final String NAME = "cic";

    private static final List<Column> COLUMNS = List.of(
            Column.real("Flow Duration"),
            Column.integer("Total Fwd Packet"),
            Column.integer("Total Bwd packets"),
            Column.integer("Total Length of Fwd Packet"),
            Column.integer("Total Length of Bwd Packet"),
            Column.integer("Fwd Packet Length Max"),
            Column.integer("Fwd Packet Length Min"),
            Column.real("Fwd Packet Length Mean"),
            Column.real("Fwd Packet Length Std"),
            Column.integer("Bwd Packet Length Max"),
            Column.integer("Bwd Packet Length Min"),
            Column.real("Bwd Packet Length Mean"),
            Column.real("Bwd Packet Length Std"),
            Column.real("Flow Bytes/s"),
            Column.real("Flow Packets/s"),
            Column.real("Flow IAT Mean"),
            Column.real("Flow IAT Std"),
            Column.real("Flow IAT Max"),
            Column.real("Flow IAT Min"),
            Column.real("Fwd IAT Total"),
            Column.real("Fwd IAT Mean"),
            Column.real("Fwd IAT Std"),
            Column.real("Fwd IAT Max"),
            Column.real("Fwd IAT Min"),
            Column.real("Bwd IAT Total"),
            Column.real("Bwd IAT Mean"),
            Column.real("Bwd IAT Std"),
            Column.real("Bwd IAT Max"),
            Column.real("Bwd IAT Min"),
            Column.integer("Fwd PSH Flags"),
            Column.integer("Bwd PSH Flags"),
            Column.integer("Fwd URG Flags"),
            Column.integer("Bwd URG Flags"),
            Column.integer("Fwd RST Flags"),
            Column.integer("Bwd RST Flags"),
            Column.integer("Fwd Header Length"),
            Column.integer("Bwd Header Length"),
            Column.real("Fwd Packets/s"),
            Column.real("Bwd Packets/s"),
            Column.integer("Packet Length Min"),
            Column.integer("Packet Length Max"),
            Column.real("Packet Length Mean"),
            Column.real("Packet Length Std"),
            Column.real("Packet Length Variance"),
            Column.integer("FIN Flag Count"),
            Column.integer("SYN Flag Count"),
            Column.integer("RST Flag Count"),
            Column.integer("PSH Flag Count"),
            Column.integer("ACK Flag Count"),
            Column.integer("URG Flag Count"),
            Column.integer("CWR Flag Count"),
            Column.integer("ECE Flag Count"),
            Column.real("Down/Up Ratio"),
            Column.real("Average Packet Size"),
            Column.real("Fwd Segment Size Avg"),
            Column.real("Bwd Segment Size Avg"),
            Column.real("Fwd Bytes/Bulk Avg"),
            Column.real("Fwd Packet/Bulk Avg"),
            Column.real("Fwd Bulk Rate Avg"),
            Column.real("Bwd Bytes/Bulk Avg"),
            Column.real("Bwd Packet/Bulk Avg"),
            Column.real("Bwd Bulk Rate Avg"),
            Column.real("Subflow Fwd Packets"),
            Column.real("Subflow Fwd Bytes"),
            Column.real("Subflow Bwd Packets"),
            Column.real("Subflow Bwd Bytes"),
            Column.integer("FWD Init Win Bytes"),
            Column.integer("Bwd Init Win Bytes"),
            Column.integer("Fwd Act Data Pkts"),
            Column.integer("Fwd Seg Size Min"),
            Column.real("Active Mean"),
            Column.real("Active Std"),
            Column.real("Active Max"),
            Column.real("Active Min"),
            Column.real("Idle Mean"),
            Column.real("Idle Std"),
            Column.real("Idle Max"),
            Column.real("Idle Min"),
            Column.integer("ICMP Code"),
            Column.integer("ICMP Type"),
            Column.real("Total TCP Flow Time"));

    static final int COLUMN_COUNT = 81;

    /** Which columns are written as integers, by position: write() needs it for every flow. */
    static final boolean[] INTEGER_COLUMNS = new boolean[COLUMN_COUNT];

    static {
        for (int i = 0; i < COLUMN_COUNT; i++) {
            INTEGER_COLUMNS[i] = COLUMNS.get(i).type() == ColumnType.LONG;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public FlowFeatures newFlow() {
        return new CicFlowState();
    }
}
