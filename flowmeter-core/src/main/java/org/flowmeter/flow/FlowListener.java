package org.flowmeter.flow;

import org.flowmeter.decode.DecodedPacket;

/** Receives the flow table's events. Flows are handed over in the order they end. */
public interface FlowListener {

    /** Called after {@code packet} was added to {@code flow} (the flow's state includes it). */
    default void onPacket(Flow flow, DecodedPacket packet, boolean forward) {
    }

    /** The flow ended; it is no longer in the table and will not change. */
    void onFlowEnd(Flow flow);
}
