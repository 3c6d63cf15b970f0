package org.flowmeter.feature;

import org.flowmeter.decode.DecodedPacket;

/**
 * The CIC features of one direction of a flow: payload sizes, gaps, headers, flags and bulks.
 * Static methods over the flow's arrays: {@link #WIDTH} slots of its {@code long[]} from an
 * offset, and the direction's payload and gap statistics in its {@code double[]} ({@link PackedStats}).
 * One array per flow instead of an object per direction, tracker and counter keeps what a packet
 * updates together in memory.
 */
final class CicDirection {
    /** Time of the direction's last packet. */
    private static final int LAST_NANOS = 0;
    private static final int HEADER_BYTES = 1;
    /** Smallest transport header; meaningful once a packet was seen. */
    private static final int MIN_HEADER = 2;
    /** TCP window of this direction's first packet whose window was captured, once {@link #WINDOW_TAKEN} is 1. */
    private static final int INITIAL_WINDOW = 3;
    private static final int WINDOW_TAKEN = 4;
    private static final int DATA_PACKETS = 5;
    /** Packets with each TCP flag, by bit position (FIN = bit 0 ... CWR = bit 7). */
    private static final int FLAG_COUNTS = 6;
    private static final int FLAG_BITS = 8;
    /** The direction's {@link BulkTracker}. */
    static final int BULK = FLAG_COUNTS + FLAG_BITS;
    /** Slots per direction; all 0 is a direction without packets. */
    static final int WIDTH = BULK + BulkTracker.WIDTH;

    private CicDirection() {
    }

    /**
     * A packet of the direction at {@code at} in {@code v} at time {@code t}; its payload and gap
     * statistics are at {@code payload} and {@code iat} in {@code stats}. Gaps and flags are
     * counted only when asked (see {@link CicFlowState#FWD_GAPS}, {@link CicFlowState#FLAGS}).
     */
    static void add(long[] v, int at, double[] stats, int payload, int iat, DecodedPacket p, long t,
            boolean gaps, boolean flagged) {
        if (v[at + WINDOW_TAKEN] == 0 && p.tcpWindowKnown()) {
            // a window cut off by a small snaplen reads as 0: take the first one captured instead
            v[at + INITIAL_WINDOW] = p.tcpWindow;
            v[at + WINDOW_TAKEN] = 1;
        }
        int header = p.transportHeaderLength;
        if (PackedStats.count(stats, payload) == 0) {
            v[at + MIN_HEADER] = header;
        } else {
            if (gaps) {
                PackedStats.add(stats, iat, t - v[at + LAST_NANOS]);
            }
            v[at + MIN_HEADER] = Math.min(v[at + MIN_HEADER], header);
        }
        v[at + LAST_NANOS] = t;
        PackedStats.add(stats, payload, p.payloadLength);
        v[at + HEADER_BYTES] += header;
        if (p.payloadLength > 0) {
            v[at + DATA_PACKETS]++;
        }
        if (flagged) {
            // one step per flag set (most packets carry one or two), not one per bit up to the highest
            for (int flags = p.tcpFlags & 0xff; flags != 0; flags &= flags - 1) {
                v[at + FLAG_COUNTS + Integer.numberOfTrailingZeros(flags)]++;
            }
        }
    }

    static long headerBytes(long[] v, int at) {
        return v[at + HEADER_BYTES];
    }

    static long initialWindow(long[] v, int at) {
        return v[at + INITIAL_WINDOW];
    }

    static long dataPackets(long[] v, int at) {
        return v[at + DATA_PACKETS];
    }

    /** Packets of the direction with the TCP flag {@code mask} ({@link DecodedPacket#PSH}, say) set. */
    static long flagCount(long[] v, int at, int mask) {
        return v[at + FLAG_COUNTS + Integer.numberOfTrailingZeros(mask)];
    }

    /** Smallest transport header length, 0 when the direction has no packet. */
    static long minHeaderOrZero(long[] v, int at, double[] stats, int payload) {
        return PackedStats.count(stats, payload) == 0 ? 0 : v[at + MIN_HEADER];
    }
}
