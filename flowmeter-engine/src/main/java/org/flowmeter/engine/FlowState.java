package org.flowmeter.engine;

import org.flowmeter.detect.FlowFacts;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowSlot;

/** What the classifier keeps on each flow: the detectors' counts and, once scored, the verdict. */
final class FlowState {
    static final FlowSlot<FlowState> SLOT = new FlowSlot<>(FlowState.class);

    /** Per-flow counts for the cross-flow detectors; null when none runs (or once no longer needed). */
    FlowFacts facts;
    /** Null until the flow is first scored. */
    Verdict verdict;

    static FlowState of(Flow flow) {
        return SLOT.getOrCreate(flow, FlowState::new);
    }

    /** The flow's verdict, or null before it was scored. */
    static Verdict verdictOf(Flow flow) {
        FlowState s = SLOT.get(flow);
        return s == null ? null : s.verdict;
    }
}
