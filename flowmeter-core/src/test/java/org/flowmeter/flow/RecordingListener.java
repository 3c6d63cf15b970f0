package org.flowmeter.flow;

import java.util.ArrayList;
import java.util.List;

/** Collects ended flows in the order they end. */
final class RecordingListener implements FlowListener {
    final List<Flow> ended = new ArrayList<>();

    @Override
    public void onFlowEnd(Flow flow) {
        ended.add(flow);
    }
}
