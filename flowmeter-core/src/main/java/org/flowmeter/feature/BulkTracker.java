package org.flowmeter.feature;

/**
 * Bulk transfers of one direction, as CICFlowMeter defines them: a bulk is a run of at least
 * {@value #MIN_PACKETS} data packets (payload &gt; 0) of this direction, each less than a second
 * after the previous one, with no data packet of the other direction in between. Packets without
 * payload neither extend nor break a run. O(1) state: the totals of finished bulks plus the run
 * in progress, {@link #WIDTH} slots of a flow's {@code long[]} from an offset (static methods, so
 * that a flow's state stays in one array instead of an object per direction).
 */
final class BulkTracker {
    static final int MIN_PACKETS = 4;
    static final long MAX_GAP_NANOS = 1_000_000_000L;

    /** Bulks found, and the packets, payload bytes and time they span. */
    private static final int BULKS = 0;
    private static final int PACKETS = 1;
    private static final int BYTES = 2;
    private static final int DURATION = 3;
    /** The run in progress; 0 packets when there is none. */
    private static final int RUN_PACKETS = 4;
    private static final int RUN_BYTES = 5;
    private static final int RUN_START = 6;
    private static final int RUN_LAST = 7;
    /** Slots per direction; all 0 is a direction with no bulk and no run. */
    static final int WIDTH = 8;

    private BulkTracker() {
    }

    /** A data packet of the direction at {@code at} in {@code v}, at time {@code t}. */
    static void onData(long[] v, int at, long t, int payload) {
        long runPackets = v[at + RUN_PACKETS];
        long runLast = v[at + RUN_LAST];
        if (runPackets == 0 || t - runLast > MAX_GAP_NANOS) {
            v[at + RUN_PACKETS] = 1;
            v[at + RUN_BYTES] = payload;
            v[at + RUN_START] = t;
            v[at + RUN_LAST] = t;
            return;
        }
        runPackets++;
        long runBytes = v[at + RUN_BYTES] + payload;
        v[at + RUN_PACKETS] = runPackets;
        v[at + RUN_BYTES] = runBytes;
        if (runPackets == MIN_PACKETS) {
            // The run has just become a bulk: it counts from its first packet.
            v[at + BULKS]++;
            v[at + PACKETS] += runPackets;
            v[at + BYTES] += runBytes;
            v[at + DURATION] += t - v[at + RUN_START];
        } else if (runPackets > MIN_PACKETS) {
            v[at + PACKETS]++;
            v[at + BYTES] += payload;
            v[at + DURATION] += t - runLast;
        }
        v[at + RUN_LAST] = t;
    }

    /** A data packet of the other direction ends the run in progress. */
    static void interrupt(long[] v, int at) {
        v[at + RUN_PACKETS] = 0;
    }

    static double bytesPerBulk(long[] v, int at) {
        long bulks = v[at + BULKS];
        return bulks == 0 ? 0 : (double) v[at + BYTES] / bulks;
    }

    static double packetsPerBulk(long[] v, int at) {
        long bulks = v[at + BULKS];
        return bulks == 0 ? 0 : (double) v[at + PACKETS] / bulks;
    }

    /** Payload bytes per second of bulk time; 0 when the bulks took no time. */
    static double bytesPerSecond(long[] v, int at) {
        long durationNanos = v[at + DURATION];
        long bytes = v[at + BYTES];
        return durationNanos == 0 ? 0 : bytes / (durationNanos / 1e9);
    }
}
