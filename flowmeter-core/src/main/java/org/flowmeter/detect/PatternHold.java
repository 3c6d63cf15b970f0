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
    private Store held = new FlowObjects();
    private long clock = Long.MIN_VALUE;
    private long releasedEarly;
    private int mostHeld;

    public PatternHold(FlowListener downstream, long holdNanos, int maxHeld) {
        this.downstream = downstream;
        this.holdNanos = holdNanos;
        this.maxHeld = maxHeld;
    }

    /**
     * Where held flows wait, oldest first: flow objects, or a compact form that gives back equal
     * flows (a classifier whose flows dropped their feature state keeps them in primitive arrays).
     */
    public interface Store {
        void add(Flow flow);

        /** Takes the oldest flow out. */
        Flow remove();

        /** The start of the oldest flow. */
        long oldestStart();

        int size();
    }

    /** Keeps held flows in {@code store} from now on; call before the first flow ends. */
    public void keepIn(Store store) {
        if (held.size() > 0) {
            throw new IllegalStateException("flows are held already");
        }
        held = store;
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
        held.add(flow);
        mostHeld = Math.max(mostHeld, held.size());
        while (held.size() > 0) {
            boolean windowPassed = clock - held.oldestStart() >= holdNanos;
            if (!windowPassed && held.size() <= maxHeld) {
                break;
            }
            if (!windowPassed) {
                releasedEarly++;
            }
            downstream.onFlowEnd(held.remove());
        }
    }

    /** Passes on every held flow (at the end of the input). */
    public void flush() {
        while (held.size() > 0) {
            downstream.onFlowEnd(held.remove());
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

    /** Flow objects in a queue. */
    private static final class FlowObjects implements Store {
        private final ArrayDeque<Flow> flows = new ArrayDeque<>();

        @Override
        public void add(Flow flow) {
            flows.addLast(flow);
        }

        @Override
        public Flow remove() {
            return flows.pollFirst();
        }

        @Override
        public long oldestStart() {
            return flows.peekFirst().firstNanos();
        }

        @Override
        public int size() {
            return flows.size();
        }
    }
}
