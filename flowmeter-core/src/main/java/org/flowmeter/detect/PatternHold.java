package org.flowmeter.detect;

import java.util.ArrayDeque;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowListener;

/**
 * Holds ended flows back for a while before passing them on, so that a pattern detected soon
 * after a flow ended (the threshold crossed by later flows) still reaches that flow's verdict.
 * A flow is passed on once the capture's clock (the latest flow end seen) is {@code holdNanos}
 * past its start, or when more than {@code maxHeld} flows wait (oldest first), or at
 * {@link #flush()}. Order is kept: flows leave in the order they arrived.
 */
public final class PatternHold implements FlowListener {
    private final FlowListener downstream;
    private final long holdNanos;
    private final int maxHeld;
    private final ArrayDeque<Flow> held = new ArrayDeque<>();
    private long clock = Long.MIN_VALUE;

    public PatternHold(FlowListener downstream, long holdNanos, int maxHeld) {
        this.downstream = downstream;
        this.holdNanos = holdNanos;
        this.maxHeld = maxHeld;
    }

    @Override
    public void onFlowEnd(Flow flow) {
        clock = Math.max(clock, flow.lastNanos());
        held.addLast(flow);
        while (!held.isEmpty() && (held.size() > maxHeld || clock - held.peekFirst().firstNanos() >= holdNanos)) {
            downstream.onFlowEnd(held.pollFirst());
        }
    }

    /** Passes on every held flow (at the end of the input). */
    public void flush() {
        while (!held.isEmpty()) {
            downstream.onFlowEnd(held.pollFirst());
        }
    }

    int held() {
        return held.size();
    }
}
