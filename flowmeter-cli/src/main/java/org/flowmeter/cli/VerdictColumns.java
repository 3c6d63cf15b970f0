package org.flowmeter.cli;

import java.util.ArrayList;
import java.util.List;
import org.flowmeter.feature.Column;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.RowWriter;
import org.flowmeter.flow.Flow;
import org.flowmeter.output.FlowColumns;
import org.flowmeter.output.RowSchema;

/**
 * A verdict row: the flow's identifiers, packets and bytes, its score and verdict and when the
 * verdict was made, and what decided it ("model" or a detector's name); with
 * {@code --all-columns} every feature too.
 */
final class VerdictColumns implements RowSchema {
    private static final List<Column> VERDICT = List.of(
            Column.integer("flowId"), Column.integer("packets"), Column.integer("bytes"),
            Column.real("earlyScore"), Column.real("score"), Column.string("verdict"),
            Column.integer("verdictAtPacket"), Column.string("decidedBy"));

    private final FlowColumns flowColumns;
    private final boolean allColumns;
    private final List<Column> columns;

    VerdictColumns(List<FeatureSet> sets, boolean allColumns) {
        this.flowColumns = new FlowColumns(sets);
        this.allColumns = allColumns;
        List<Column> all = new ArrayList<>();
        List<Column> base = flowColumns.columns();
        if (allColumns) {
            all.addAll(base);
        } else {
            all.addAll(base.subList(0, 6)); // identifiers
            all.addAll(base.subList(base.size() - 3, base.size())); // start, end, end reason
        }
        all.addAll(VERDICT);
        this.columns = List.copyOf(all);
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public void write(Flow flow, RowWriter out) {
        if (allColumns) {
            flowColumns.write(flow, out);
        } else {
            flowColumns.writeIdentifiers(flow, out);
            flowColumns.writeTimes(flow, out);
        }
        Verdict v = (Verdict) flow.attachment;
        out.integer(flow.id);
        out.integer(flow.packets());
        out.integer(flow.bytes());
        out.real(v.earlyScore);
        out.real(v.score);
        out.string(v.malicious ? "malicious" : "benign");
        out.integer(v.decidedAtPacket);
        out.string(v.decidedBy);
    }
}
