package org.flowmeter.feature;

import org.flowmeter.decode.DecodedPacket;

/** The CIC features of one direction of a flow: payload sizes, gaps, headers, flags and bulks. */
final class CicDirection implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** Transport payload length of every packet of this direction. */
    final RunningStats payload = new RunningStats();
    /** Gaps between consecutive packets of this direction, in nanoseconds. */
    final RunningStats iat = new RunningStats();
    final BulkTracker bulk = new BulkTracker();
    long lastNanos;
    long headerBytes;
    /** Smallest transport header; meaningful once a packet was seen. */
    int minHeader;
    /** TCP window of this direction's first packet. */
    int initialWindow;
    long dataPackets;
    int psh;
    int urg;
    int rst;

    void add(DecodedPacket p, long t) {
        if (payload.count() == 0) {
            initialWindow = p.tcpWindow;
            minHeader = p.transportHeaderLength;
        } else {
            iat.add(t - lastNanos);
            minHeader = Math.min(minHeader, p.transportHeaderLength);
        }
        lastNanos = t;
        payload.add(p.payloadLength);
        headerBytes += p.transportHeaderLength;
        if (p.payloadLength > 0) {
            dataPackets++;
        }
        int flags = p.tcpFlags;
        if (flags != 0) {
            psh += (flags & DecodedPacket.PSH) != 0 ? 1 : 0;
            urg += (flags & DecodedPacket.URG) != 0 ? 1 : 0;
            rst += (flags & DecodedPacket.RST) != 0 ? 1 : 0;
        }
    }

    long packets() {
        return payload.count();
    }

    /** Smallest transport header length, 0 when the direction has no packet. */
    int minHeaderOrZero() {
        return packets() == 0 ? 0 : minHeader;
    }
}
