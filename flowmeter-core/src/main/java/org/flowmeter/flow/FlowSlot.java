package org.flowmeter.flow;

import java.util.function.Supplier;

/**
 * Typed state that a consumer of flows keeps on each flow while it is open (a classifier's
 * verdict and detector counts, say), in place of a field of its own type on {@link Flow}. A flow
 * holds the value of one slot at a time: the consumer that owns a run's flows owns their slot.
 *
 * @param <T> the state's type
 */
public final class FlowSlot<T> {
    private final Class<T> type;

    public FlowSlot(Class<T> type) {
        this.type = type;
    }

    /** The flow's state in this slot, or null when it has none. */
    public T get(Flow flow) {
        return flow.slot == this ? type.cast(flow.slotValue) : null;
    }

    /** The flow's state, made by {@code create} when it has none yet. */
    public T getOrCreate(Flow flow, Supplier<T> create) {
        T value = get(flow);
        if (value == null) {
            value = create.get();
            set(flow, value);
        }
        return value;
    }

    public void set(Flow flow, T value) {
        flow.slot = value == null ? null : this;
        flow.slotValue = value;
    }

    /** Drops the flow's state (the flow may outlive its consumer's interest, e.g. in a held row). */
    public void clear(Flow flow) {
        if (flow.slot == this) {
            set(flow, null);
        }
    }
}
