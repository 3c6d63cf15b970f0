package org.flowmeter.bench;

import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowListener;

/** Counts the flows the meter ends, so the benchmark has a result to return. */
final class FlowCounter implements FlowListener {
    long flowsEnded;

    @Override
    public void onFlowEnd(Flow flow) {
        flowsEnded++;
    }
}
