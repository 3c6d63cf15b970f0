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
 *
 * <p>{@code maxHeld} bounds memory; it is set from the memory cap ({@link #limitHeld}). A flow
 * pushed out by it leaves before its window has passed, and a pattern found after that does not
 * reach it: such flows are counted ({@link #releasedEarly()}) so that the run can say so.
 */
public final class PatternHold implements FlowListener {
    private final FlowListener downstream;
    private final long holdNanos;
    private int maxHeld;
    private final ArrayDeque<Flow> held = new ArrayDeque<>();
    private long clock = Long.MIN_VALUE;
    private long releasedEarly;
    private int mostHeld;

    public PatternHold(FlowListener downstream, long holdNanos, int maxHeld) {
        this.downstream = downstream;
        this.holdNanos = holdNanos;
        this.maxHeld = maxHeld;
    }

    /** Holds at most {@code max} flows from now on (what the memory cap allows; at least 1). */
    public void limitHeld(int max) {
        maxHeld = Math.max(1, max);
    }

    /** The bound on flows held. */
    public int maxHeld() {
        return maxHeld;
    }

    @Override
    public void onFlowEnd(Flow flow) {
        clock = Math.max(clock, flow.lastNanos());
        held.addLast(flow);
        mostHeld = Math.max(mostHeld, held.size());
        while (!held.isEmpty()) {
            boolean windowPassed = clock - held.peekFirst().firstNanos() >= holdNanos;
            if (!windowPassed && held.size() <= maxHeld) {
                break;
            }
            if (!windowPassed) {
                releasedEarly++;
            }
            downstream.onFlowEnd(held.pollFirst());
        }
    }

    /** Passes on every held flow (at the end of the input). */
    public void flush() {
        while (!held.isEmpty()) {
            downstream.onFlowEnd(held.pollFirst());
        }
    }

    /** Flows passed on before the detectors' window had passed since they started, for lack of room. */
    public long releasedEarly() {
        return releasedEarly;
    }

    /** The most flows held at once. */
    public int mostHeld() {
        return mostHeld;
    }

    int held() {
        return held.size();
    }
}
