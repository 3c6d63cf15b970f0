package org.flowmeter.feature;

import org.flowmeter.decode.DecodedPacket;

/** The CIC features of one direction of a flow: payload sizes, gaps, headers, flags and bulks. */
final class CicDirection implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The flow's statistics, shared by both directions and the flow (see {@link PackedStats}). */
    final double[] stats;
    /** Where this direction's transport payload lengths are, in {@link #stats}. */
    final int payload;
    /** Where this direction's gaps between consecutive packets (nanoseconds) are, in {@link #stats}. */
    final int iat;
    final BulkTracker bulk = new BulkTracker();
    long lastNanos;
    long headerBytes;
    /** Smallest transport header; meaningful once a packet was seen. */
    int minHeader;
    /** TCP window of this direction's first packet whose window was captured. */
    int initialWindow;
    private boolean windowTaken;
    long dataPackets;
    int psh;
    int urg;
    int rst;
    /** Whether the gaps and the flags are counted (see {@link CicFlowState#FWD_GAPS}, {@link CicFlowState#FLAGS}). */
    private final boolean gaps;
    private final boolean flagged;

    CicDirection(double[] stats, int payload, int iat, boolean gaps, boolean flagged) {
        this.stats = stats;
        this.payload = payload;
        this.iat = iat;
        this.gaps = gaps;
        this.flagged = flagged;
    }

    void add(DecodedPacket p, long t) {
        if (!windowTaken && p.tcpWindowKnown()) {
            // a window cut off by a small snaplen reads as 0: take the first one captured instead
            initialWindow = p.tcpWindow;
            windowTaken = true;
        }
        if (PackedStats.count(stats, payload) == 0) {
            minHeader = p.transportHeaderLength;
        } else {
            if (gaps) {
                PackedStats.add(stats, iat, t - lastNanos);
            }
            minHeader = Math.min(minHeader, p.transportHeaderLength);
        }
        lastNanos = t;
        PackedStats.add(stats, payload, p.payloadLength);
        headerBytes += p.transportHeaderLength;
        if (p.payloadLength > 0) {
            dataPackets++;
        }
        int flags = p.tcpFlags;
        if (flags != 0 && flagged) {
            psh += (flags & DecodedPacket.PSH) != 0 ? 1 : 0;
            urg += (flags & DecodedPacket.URG) != 0 ? 1 : 0;
            rst += (flags & DecodedPacket.RST) != 0 ? 1 : 0;
        }
    }

    long packets() {
        return PackedStats.count(stats, payload);
    }

    /** Smallest transport header length, 0 when the direction has no packet. */
    int minHeaderOrZero() {
        return packets() == 0 ? 0 : minHeader;
    }
}
