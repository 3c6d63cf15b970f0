package org.flowmeter.flow;

import java.util.function.Consumer;

/**
 * Re-orders ended flows into the order they started (flow ids are given in start order).
 * A flow that ends is held until every earlier flow has ended too. To keep memory bounded, when
 * more than {@code maxWaiting} flows wait behind a flow that is still open, the waiting ones are
 * released in start order anyway (the open flow then comes later, out of order).
 */
public final class StartOrder implements FlowListener {
    /**
     * Default bound on flows held back: about 50 MB of flow state. A long-lived flow (a tunnel,
     * a monitoring session) would otherwise hold back every flow that starts after it, and
     * memory would grow with the length of the capture.
     */
    public static final int DEFAULT_MAX_WAITING = 1 << 16;

    private final Consumer<Flow> downstream;
    /** The bound given at construction: {@link #limitWaiting} never goes above it. */
    private final int bound;
    private int maxWaiting;
    private Flow[] ring = new Flow[1024];
    /** Id of the next flow to release; ring[(id - next) ...] holds ended flows not yet released. */
    private long next;
    private int waiting;
    private long releasedOutOfOrder;

    public StartOrder(Consumer<Flow> downstream, int maxWaiting) {
        if (maxWaiting < 1) {
            throw new IllegalArgumentException("maxWaiting must be at least 1");
        }
        this.downstream = downstream;
        this.bound = maxWaiting;
        this.maxWaiting = maxWaiting;
    }

    /**
     * Bounds the flows held back to what a memory budget allows ({@link MemoryBudget#waitingFlows()}),
     * and never above the bound given at construction. A later call replaces an earlier one (the
     * budget is larger once waiting flows are known to drop their feature state).
     */
    public void limitWaiting(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxWaiting must be at least 1");
        }
        maxWaiting = Math.min(bound, max);
    }

    /** The bound on flows held back now. */
    public int maxWaiting() {
        return maxWaiting;
    }

    @Override
    public void onFlowEnd(Flow flow) {
        if (flow.id < next) {
            // Its slot was skipped when the buffer overflowed: release at once.
            releasedOutOfOrder++;
            downstream.accept(flow);
            return;
        }
        long distance = flow.id - next;
        while (distance >= ring.length) {
            if (waiting >= maxWaiting) {
                skipGap();
                distance = flow.id - next;
                continue;
            }
            grow();
        }
        ring[slot(flow.id)] = flow;
        waiting++;
        drain();
        while (waiting > maxWaiting) {
            skipGap();
        }
    }

    private void drain() {
        Flow f;
        while (waiting > 0 && (f = ring[slot(next)]) != null) {
            ring[slot(next)] = null;
            next++;
            waiting--;
            downstream.accept(f);
        }
    }

    /** Gives up waiting for the oldest still-open flow. */
    private void skipGap() {
        if (waiting == 0) {
            return;
        }
        while (ring[slot(next)] == null) {
            next++;
        }
        drain();
    }

    private int slot(long id) {
        return (int) (id & (ring.length - 1));
    }

    private void grow() {
        Flow[] bigger = new Flow[ring.length * 2];
        for (int i = 0; i < ring.length; i++) {
            Flow f = ring[i];
            if (f != null) {
                bigger[(int) (f.id & (bigger.length - 1))] = f;
            }
        }
        ring = bigger;
    }

    /** Releases everything still held (call after the meter has finished). */
    public void flush() {
        while (waiting > 0) {
            skipGap();
        }
    }

    /** Flows that could not be written in start order because the wait buffer was full. */
    public long releasedOutOfOrder() {
        return releasedOutOfOrder;
    }
}
