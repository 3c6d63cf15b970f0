package org.flowmeter.feature;

/**
 * Bulk transfers of one direction, as CICFlowMeter defines them: a bulk is a run of at least
 * {@value #MIN_PACKETS} data packets (payload &gt; 0) of this direction, each less than a second
 * after the previous one, with no data packet of the other direction in between. Packets without
 * payload neither extend nor break a run. O(1) state: the totals of finished bulks plus the run
 * in progress.
 */
final class BulkTracker implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final int MIN_PACKETS = 4;
    static final long MAX_GAP_NANOS = 1_000_000_000L;

    /** Bulks found, and the packets, payload bytes and time they span. */
    long bulks;
    long packets;
    long bytes;
    long durationNanos;

    /** The run in progress; 0 packets when there is none. */
    private int runPackets;
    private long runBytes;
    private long runStart;
    private long runLast;

    /** A data packet of this direction at time {@code t}. */
    void onData(long t, int payload) {
        if (runPackets == 0 || t - runLast > MAX_GAP_NANOS) {
            runPackets = 1;
            runBytes = payload;
            runStart = t;
            runLast = t;
            return;
        }
        runPackets++;
        runBytes += payload;
        if (runPackets == MIN_PACKETS) {
            // The run has just become a bulk: it counts from its first packet.
            bulks++;
            packets += runPackets;
            bytes += runBytes;
            durationNanos += t - runStart;
        } else if (runPackets > MIN_PACKETS) {
            packets++;
            bytes += payload;
            durationNanos += t - runLast;
        }
        runLast = t;
    }

    /** A data packet of the other direction ends the run in progress. */
    void interrupt() {
        runPackets = 0;
    }

    double bytesPerBulk() {
        return bulks == 0 ? 0 : (double) bytes / bulks;
    }

    double packetsPerBulk() {
        return bulks == 0 ? 0 : (double) packets / bulks;
    }

    /** Payload bytes per second of bulk time; 0 when the bulks took no time. */
    double bytesPerSecond() {
        return durationNanos == 0 ? 0 : bytes / (durationNanos / 1e9);
    }
}
