package org.flowmeter.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowListener;

/** Keeps every ended flow with its verdict, for the triage report. */
public final class TriageCollector implements FlowListener {
    /** A flow's verdict as the classifier left it. */
    public record Verdict(double score, boolean flagged, String decidedBy) {
    }

    private final Function<Flow, Verdict> verdicts;
    private final List<TriageFlow> flows = new ArrayList<>();

    public TriageCollector(Function<Flow, Verdict> verdicts) {
        this.verdicts = verdicts;
    }

    @Override
    public void onFlowEnd(Flow flow) {
        Verdict v = verdicts.apply(flow);
        flows.add(TriageFlow.of(flow, v.score(), v.flagged(), v.decidedBy()));
    }

    public List<TriageFlow> flows() {
        return flows;
    }
}
