package org.flowmeter.detect;

import org.flowmeter.decode.DecodedPacket;

/**
 * The few per-flow counts the detectors read when a flow ends: packets, wire bytes and payload
 * bytes each way, and whether the responder reset the flow. Updated once per packet with
 * primitive additions only.
 */
public final class FlowFacts {
    long forwardPackets;
    long backwardPackets;
    long forwardBytes;
    long backwardBytes;
    long forwardPayload;
    long backwardPayload;
    boolean responderReset;

    /** Adds one packet of the flow ({@code forward}: sent by the flow's source). */
    public void add(DecodedPacket p, boolean forward) {
        if (forward) {
            forwardPackets++;
            forwardBytes += p.wireLength;
            forwardPayload += p.payloadLength;
        } else {
            backwardPackets++;
            backwardBytes += p.wireLength;
            backwardPayload += p.payloadLength;
            responderReset |= (p.tcpFlags & DecodedPacket.RST) != 0;
        }
    }

    /** Nothing came back from the destination. */
    public boolean unanswered() {
        return backwardPackets == 0;
    }

    /** A TCP flow in which neither side sent a byte of payload (a probe, a flag flood, a refused connect). */
    public boolean tcpWithoutData(int protocol) {
        return protocol == DecodedPacket.TCP && forwardPayload == 0 && backwardPayload == 0;
    }

    /**
     * What a scan probe or a flood packet leaves behind: no answer, or (TCP) a connection that
     * carried no data either way (refused, reset, or a handshake only).
     */
    public boolean failed(int protocol) {
        return unanswered() || tcpWithoutData(protocol);
    }

    /** Both sides sent payload: the two ends spoke a protocol (what a probe never does). */
    public boolean conversed() {
        return forwardPayload > 0 && backwardPayload > 0;
    }

    public long forwardPackets() {
        return forwardPackets;
    }

    public long backwardPackets() {
        return backwardPackets;
    }

    public long forwardPayload() {
        return forwardPayload;
    }

    public long backwardPayload() {
        return backwardPayload;
    }

    public long backwardBytes() {
        return backwardBytes;
    }

    public long packets() {
        return forwardPackets + backwardPackets;
    }
}
