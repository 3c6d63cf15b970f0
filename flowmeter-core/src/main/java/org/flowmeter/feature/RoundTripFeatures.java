package org.flowmeter.feature;

import java.util.List;

/**
 * A flow's timings measured in its own round trips: the handshake round trip (TCP: SYN to the
 * first answer, SYN/ACK or reset, on the responder's side of the capture point, and SYN/ACK to
 * the initiator's ACK on its side; other protocols: the request to the first answer), and the
 * flow's duration and packet spacing divided by it. Absolute times depend on the network the
 * flow crossed: the lab's sub-millisecond round trips make ordinary internet timing look slow,
 * while a tool that sends back to back stays fast in round trips on any link.
 *
 * <p>When no round trip can be measured (nothing answered, or a TCP flow whose handshake came
 * before the capture) the round-trip columns read {@link #UNKNOWN} and {@code rttKnown} 0, so
 * that no flow is dropped for a non-finite value. See docs/transfer-features.md.
 */
public final class RoundTripFeatures implements FeatureSet {
    public static final String NAME = "rtt";
    /** What a column reads when it needs a round trip and none was measured. */
    public static final double UNKNOWN = -1;
    /** Round trips shorter than this (capture clock resolution) count as this, in nanoseconds. */
    public static final long MIN_RTT_NANOS = 1_000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Column> columns() {
        return RoundTripState.COLUMNS.columns();
    }

    @Override
    public FlowFeatures newFlow() {
        return new RoundTripState();
    }
}
