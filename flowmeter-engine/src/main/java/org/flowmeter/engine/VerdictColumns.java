package org.flowmeter.engine;

import java.util.ArrayList;
import java.util.List;
import org.flowmeter.feature.Column;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.RowWriter;
import org.flowmeter.flow.Flow;
import org.flowmeter.output.EveFlowWriter;
import org.flowmeter.output.FlowColumns;
import org.flowmeter.output.RowSchema;
import org.flowmeter.pcap.PacketSource;

/**
 * A verdict row: the flow's identifiers, packets and bytes, its score and verdict and when the
 * verdict was made, and what decided it ("model" or a detector's name); with
 * {@code --all-columns} every feature too.
 */
public final class VerdictColumns implements RowSchema {
    private static final List<Column> VERDICT = List.of(
            Column.integer("flowId"), Column.integer("packets"), Column.integer("bytes"),
            Column.real("earlyScore"), Column.real("score"), Column.string("verdict"),
            Column.integer("verdictAtPacket"), Column.string("decidedBy"));

    private final FlowColumns flowColumns;
    private final boolean allColumns;
    private final List<Column> columns;
    private String model;

    public VerdictColumns(List<FeatureSet> sets, boolean allColumns) {
        this.flowColumns = new FlowColumns(sets);
        this.allColumns = allColumns;
        List<Column> all = new ArrayList<>();
        List<Column> base = flowColumns.columns();
        if (allColumns) {
            all.addAll(base);
        } else {
            all.addAll(FlowColumns.identifierColumns());
            all.addAll(FlowColumns.timeColumns()); // start, end, end reason
            all.addAll(FlowColumns.sharedColumns());
        }
        all.addAll(VERDICT);
        this.columns = List.copyOf(all);
    }

    /** Names the input files of the rows and the model that judged them (for eve output). */
    public VerdictColumns readingFrom(PacketSource source, String modelName) {
        flowColumns.readingFrom(source);
        this.model = modelName;
        return this;
    }

    public String model() {
        return model;
    }

    /** The flow's verdict as eve output writes it. */
    public static EveFlowWriter.Judgement judgement(Flow flow) {
        FlowVerdict v = FlowVerdict.of(flow);
        return new EveFlowWriter.Judgement(v.score(), v.malicious(), v.decidedBy(), v.decidedAtPacket(), null);
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
            flowColumns.writeShared(flow, out);
        }
        FlowVerdict v = FlowVerdict.of(flow);
        out.integer(flow.id);
        out.integer(flow.packets());
        out.integer(flow.bytes());
        out.real(v.earlyScore());
        out.real(v.score());
        out.string(v.malicious() ? "malicious" : "benign");
        out.integer(v.decidedAtPacket());
        out.string(v.decidedBy());
    }
}
