package org.flowmeter.cli;

import java.util.ArrayList;
import java.util.List;
import org.flowmeter.engine.FlowVerdict;
import org.flowmeter.engine.VerdictColumns;
import org.flowmeter.feature.Column;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.RowWriter;
import org.flowmeter.flow.Flow;
import org.flowmeter.output.EveFlowWriter;
import org.flowmeter.output.RowSchema;
import org.flowmeter.pcap.PacketSource;

/**
 * Verdict rows of live capture: a leading {@code phase} column ({@code early} for a malicious
 * verdict made at the early packet count while the flow goes on, {@code final} when the flow
 * ends), then the columns of {@link VerdictColumns}. Immutable: the phase comes with the flow's verdict.
 */
final class LiveVerdictColumns implements RowSchema {
    static final String EARLY = "early";
    static final String FINAL = "final";

    private final VerdictColumns verdict;
    private final List<Column> columns;

    LiveVerdictColumns(List<FeatureSet> sets, boolean allColumns) {
        this.verdict = new VerdictColumns(sets, allColumns);
        List<Column> all = new ArrayList<>();
        all.add(Column.string("phase"));
        all.addAll(verdict.columns());
        this.columns = List.copyOf(all);
    }

    /** Names the rows' input (the interface) and the model, for eve output. */
    LiveVerdictColumns readingFrom(PacketSource source, String model) {
        verdict.readingFrom(source, model);
        return this;
    }

    String model() {
        return verdict.model();
    }

    /** The flow's verdict for eve output, with the phase of the row being written. */
    EveFlowWriter.Judgement judgement(Flow flow) {
        return VerdictColumns.judgement(flow).withPhase(phase(flow));
    }

    /**
     * A row's phase is that of the verdict it carries: the verdict a flow has while it goes on is
     * its early one, the one it has once it ended its final one.
     */
    static String phase(Flow flow) {
        return FlowVerdict.isFinal(flow) ? FINAL : EARLY;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public void write(Flow flow, RowWriter out) {
        out.string(phase(flow));
        verdict.write(flow, out);
    }
}
