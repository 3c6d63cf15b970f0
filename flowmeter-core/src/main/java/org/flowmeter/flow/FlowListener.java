package org.flowmeter.flow;

import org.flowmeter.decode.DecodedPacket;

/** Receives the flow table's events. Flows are handed over in the order they end. */
public interface FlowListener {

    /** Called after {@code packet} was added to {@code flow} (the flow's state includes it). */
    default void onPacket(Flow flow, DecodedPacket packet, boolean forward) {
    }

    /** The flow ended; it is no longer in the table and will not change. */
    void onFlowEnd(Flow flow);

    /**
     * Heap bytes the listener holds whatever the flows (tables, queues of ended flows), at their
     * worst case, given what one flow with its feature state costs; the meter's memory cap counts
     * them before any flow ({@link MemoryBudget}). 0 for a listener that holds nothing.
     */
    default long sharedStateBytes(long bytesPerFlow) {
        return 0;
    }

    /**
     * The meter's memory budget, given once as the meter is made: a listener that holds ended
     * flows sizes what it holds by it ({@link MemoryBudget#heldFlows}).
     */
    default void budgeted(MemoryBudget budget) {
    }
}
