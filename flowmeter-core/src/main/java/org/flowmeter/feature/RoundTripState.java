package org.flowmeter.feature;

import org.flowmeter.decode.DecodedPacket;

/** One flow's round trip and packet spacing (see {@link RoundTripFeatures}). Times are packet nanoseconds; -1 = not seen. */
final class RoundTripState implements FlowFeatures {
    private static final long serialVersionUID = 1L;
    private static final long NONE = -1;

    private boolean tcp;
    /** The direction of the flow's first packet: the side that asked. */
    private boolean initiatorForward;

    /** The initiator's latest opening packet (TCP: SYN without ACK) before the first answer. */
    private long request = NONE;
    /** The responder's first packet after a request (TCP: SYN/ACK or reset). */
    private long answer = NONE;
    private boolean answerWasSynAck;
    /** TCP: the initiator's first ACK without SYN after a SYN/ACK. */
    private long confirm = NONE;

    /** The initiator's first payload, and the responder's first payload after it. */
    private long firstAsk = NONE;
    private long firstReply = NONE;

    private long first;
    private long last;
    private long packets;
    private long iatMax;
    private long fwdIatSum;
    private long fwdIats;
    private long lastFwd = NONE;
    private long bwdIatSum;
    private long bwdIats;
    private long lastBwd = NONE;

    @Override
    public void onFirstPacket(DecodedPacket p, boolean forward) {
        tcp = p.protocol == DecodedPacket.TCP;
        initiatorForward = forward;
        first = p.timestampNanos;
        last = p.timestampNanos;
        onPacket(p, forward);
    }

    @Override
    public void continueFrom(FlowFeatures previous) {
        RoundTripState p = (RoundTripState) previous;
        // The connection's handshake happened in the earlier segment: keep its round trip
        // (only the durations matter; this segment's first packet may come from either side).
        if (p.answer != NONE) {
            request = p.request;
            answer = p.answer;
            answerWasSynAck = p.answerWasSynAck;
            confirm = p.confirm;
        }
    }

    @Override
    public void onPacket(DecodedPacket p, boolean forward) {
        long t = p.timestampNanos;
        if (packets > 0) {
            iatMax = Math.max(iatMax, t - last);
        }
        last = t;
        packets++;
        if (forward) {
            if (lastFwd != NONE) {
                fwdIatSum += t - lastFwd;
                fwdIats++;
            }
            lastFwd = t;
        } else {
            if (lastBwd != NONE) {
                bwdIatSum += t - lastBwd;
                bwdIats++;
            }
            lastBwd = t;
        }
        boolean fromInitiator = forward == initiatorForward;
        if (tcp) {
            handshake(p.tcpFlags, fromInitiator, t);
        } else if (answer == NONE) {
            if (fromInitiator) {
                request = t;
            } else if (request != NONE) {
                answer = t;
            }
        }
        if (p.payloadLength > 0) {
            if (fromInitiator) {
                if (firstAsk == NONE) {
                    firstAsk = t;
                }
            } else if (firstAsk != NONE && firstReply == NONE) {
                firstReply = t;
            }
        }
    }

    private void handshake(int flags, boolean fromInitiator, long t) {
        int synAck = flags & (DecodedPacket.SYN | DecodedPacket.ACK);
        if (answer == NONE) {
            if (fromInitiator && synAck == DecodedPacket.SYN) {
                request = t; // a retransmitted SYN: the answer is to the latest
            } else if (!fromInitiator && request != NONE
                    && (synAck == (DecodedPacket.SYN | DecodedPacket.ACK) || (flags & DecodedPacket.RST) != 0)) {
                answer = t;
                answerWasSynAck = (flags & DecodedPacket.RST) == 0;
            }
        } else if (answerWasSynAck && confirm == NONE && fromInitiator && synAck == DecodedPacket.ACK) {
            confirm = t;
        }
    }

    /** The round trip in nanoseconds (at least {@link RoundTripFeatures#MIN_RTT_NANOS}), or NONE. */
    private long rtt() {
        if (answer == NONE) {
            return NONE;
        }
        long total = (confirm == NONE ? answer : confirm) - request;
        return Math.max(total, RoundTripFeatures.MIN_RTT_NANOS);
    }

    /** The columns; every one but {@code rttKnown} reads {@link RoundTripFeatures#UNKNOWN} without a round trip. */
    static final ColumnSet<RoundTripState> COLUMNS = ColumnSet.<RoundTripState>builder()
            .integer("rttKnown")
            .real("rttMicros")
            .real("rttResponderMicros")
            .real("rttInitiatorMicros")
            .real("rttDurationRtts")
            .real("rttIatMeanRtts")
            .real("rttIatMaxRtts")
            .real("rttFwdIatMeanRtts")
            .real("rttBwdIatMeanRtts")
            .real("rttAnswerDelayRtts")
            .build(RoundTripState::column);

    /**
     * Column {@code column}'s value: case {@code i} is the expression of the {@code i}-th column
     * declared in {@link #COLUMNS}, written only here. Rows read it through {@code COLUMNS},
     * scores call it directly: one direct call per column, not a megamorphic one.
     */
    static double column(RoundTripState s, int column) {
        return switch (column) {
            case 0 -> s.rtt() == NONE ? 0 : 1;
            case 1 -> s.ifKnown(s.rtt() / 1e3);
            case 2 -> s.ifKnown((s.answer - s.request) / 1e3);
            case 3 -> s.ifKnown(s.confirm == NONE ? RoundTripFeatures.UNKNOWN : (s.confirm - s.answer) / 1e3);
            case 4 -> s.ifKnown((s.last - s.first) / s.rttReal());
            case 5 -> s.ifKnown(s.packets < 2 ? 0 : (s.last - s.first) / (double) (s.packets - 1) / s.rttReal());
            case 6 -> s.ifKnown(s.iatMax / s.rttReal());
            case 7 -> s.ifKnown(s.fwdIats == 0 ? 0 : s.fwdIatSum / (double) s.fwdIats / s.rttReal());
            case 8 -> s.ifKnown(s.bwdIats == 0 ? 0 : s.bwdIatSum / (double) s.bwdIats / s.rttReal());
            case 9 -> s.ifKnown(s.firstReply == NONE ? RoundTripFeatures.UNKNOWN : (s.firstReply - s.firstAsk) / s.rttReal());
            default -> throw new IndexOutOfBoundsException(column);
        };
    }

    private double rttReal() {
        return rtt();
    }

    /** {@code value} when a round trip was measured, else {@link RoundTripFeatures#UNKNOWN}. */
    private double ifKnown(double value) {
        return answer == NONE ? RoundTripFeatures.UNKNOWN : value;
    }

    @Override
    public void write(RowWriter out) {
        COLUMNS.write(this, out);
    }

    @Override
    public void values(double[] out, int offset) {
        for (int c = 0; c < COLUMNS.size(); c++) {
            out[offset + c] = column(this, c);
        }
    }

    @Override
    public void values(double[] out, int offset, int[] columns) {
        for (int c : columns) {
            out[offset + c] = column(this, c);
        }
    }
}
