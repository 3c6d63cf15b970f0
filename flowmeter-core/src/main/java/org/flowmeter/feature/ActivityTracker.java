package org.flowmeter.feature;

/**
 * Active and idle periods of a flow, as CICFlowMeter defines them: a gap of more than
 * {@link #TIMEOUT_NANOS} between packets is an idle period; the packets between two idle periods
 * form an active period, lasting from its first to its last packet. An active period is recorded
 * when an idle period ends it and only if it lasted longer than 0, so a flow without any long gap
 * has no active period at all. Values are in nanoseconds. Static methods over a flow's arrays:
 * the period in progress starts at one slot of its {@code long[]} (it ends at the flow's
 * previous packet, which the caller keeps), the periods' statistics are in its {@code double[]}.
 */
final class ActivityTracker {
    static final long TIMEOUT_NANOS = 5_000_000_000L;

    private ActivityTracker() {
    }

    /**
     * A later packet at {@code t}, the flow's previous one at {@code previous} (never later):
     * {@code v[start]} is when the period in progress began, {@code active} and {@code idle}
     * where the periods' statistics are in {@code stats}.
     */
    static void add(long[] v, int start, double[] stats, int active, int idle, long previous, long t) {
        if (t - previous > TIMEOUT_NANOS) {
            long periodStart = v[start];
            if (previous > periodStart) {
                PackedStats.add(stats, active, previous - periodStart);
            }
            PackedStats.add(stats, idle, t - previous);
            v[start] = t;
        }
    }
}
