package org.flowmeter.feature;

import org.flowmeter.decode.DecodedPacket;

/**
 * The per-flow state of one feature set. Hooks are called in packet order and keep O(1) state
 * (no packet lists); {@link #onPacket} runs for every packet and must not allocate, the other
 * hooks run once per flow.
 */
public interface FlowFeatures extends java.io.Serializable {

    /**
     * The packet that opened the flow. It is backward only when a local-network rule made the
     * flow's forward direction the reverse of this packet's.
     */
    void onFirstPacket(DecodedPacket packet, boolean forward);

    /** Every later packet of the flow. */
    void onPacket(DecodedPacket packet, boolean forward);

    /**
     * Called right after {@link #onFirstPacket} when this flow continues a connection whose
     * previous flow was cut by the active timeout; {@code previous} is this set's state of that
     * flow. Lets a set carry connection-wide values across the cut.
     */
    default void continueFrom(FlowFeatures previous) {
    }

    /** The flow has ended at {@code endNanos} (the time of its last packet). */
    default void onExpire(long endNanos) {
    }

    /**
     * Adds a later segment of the same flow, as if its packets had followed this segment's:
     * how a flow cut by the end of one capture file is joined with its continuation in the
     * next. {@code swapped} means the later segment's forward direction is this one's backward.
     *
     * <p>Sets whose state cannot be joined exactly (the CICFlowMeter set's bulk and activity
     * runs) do not override this, and joining fails with a clear message rather than giving
     * numbers that differ from one pass.
     *
     * @param later a state of the same feature set whose first packet is not earlier than this one's last
     * @throws UnsupportedOperationException when this feature set cannot be joined across files
     */
    default void append(FlowFeatures later, boolean swapped) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + ": this feature set cannot join flows cut by file boundaries; use the deepfence set");
    }

    /** Writes this set's values in the order of {@link FeatureSet#columns()}. */
    void write(RowWriter out);

    /** This set's values as numbers in column order, for scoring; non-numeric columns are not allowed. */
    void values(double[] out, int offset);

    /**
     * The values of the columns listed (positions among this set's columns, ascending) at
     * {@code out[offset + column]}, as {@link #values(double[], int)} gives them; other positions
     * may be left as they are. For a model that reads only some columns. By default every column.
     */
    default void values(double[] out, int offset, int[] columns) {
        values(out, offset);
    }
}
