package org.flowmeter.flow;

/**
 * Keeps one flow in {@code oneIn}, chosen by the flow's symmetric hash, so both directions and
 * every packet of a kept flow are kept and the others are skipped whole: the meter then sees
 * what a capture of only those flows would hold. The {@code oneIn} parts are disjoint and
 * together hold every flow. Training uses it to learn attacks and benign traffic as they look
 * at a fraction of their volume (fewer flows around each flow).
 *
 * @param oneIn how many parts the flows are shared out into (at least 2)
 * @param part  which part is kept, 0 to {@code oneIn - 1}
 */
public record FlowSample(int oneIn, int part) {

    public FlowSample {
        if (oneIn < 2 || part < 0 || part >= oneIn) {
            throw new IllegalArgumentException("a flow sample is part 0.." + (oneIn - 1) + " of at least 2, got part "
                    + part + " of " + oneIn);
        }
    }

    /**
     * Whether the flow with this hash is kept. The hash's high half decides: the flow index
     * places flows by the low bits, and a sample on those would crowd its slots.
     */
    public boolean keeps(int flowHash) {
        return (flowHash >>> 16) % oneIn == part;
    }
}
