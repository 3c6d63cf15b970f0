package org.flowmeter.feature;

/**
 * Active and idle periods of a flow, as CICFlowMeter defines them: a gap of more than
 * {@link #TIMEOUT_NANOS} between packets is an idle period; the packets between two idle periods
 * form an active period, lasting from its first to its last packet. An active period is recorded
 * when an idle period ends it and only if it lasted longer than 0, so a flow without any long gap
 * has no active period at all. Values are in nanoseconds.
 */
final class ActivityTracker implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final long TIMEOUT_NANOS = 5_000_000_000L;

    /** The flow's statistics (see {@link PackedStats}); active and idle periods are at these offsets. */
    final double[] stats;
    final int active;
    final int idle;
    private long periodStart;
    private long periodEnd;

    ActivityTracker(double[] stats, int active, int idle) {
        this.stats = stats;
        this.active = active;
        this.idle = idle;
    }

    void start(long t) {
        periodStart = t;
        periodEnd = t;
    }

    /** A later packet at {@code t} (never earlier than the previous one). */
    void add(long t) {
        if (t - periodEnd > TIMEOUT_NANOS) {
            if (periodEnd > periodStart) {
                PackedStats.add(stats, active, periodEnd - periodStart);
            }
            PackedStats.add(stats, idle, t - periodEnd);
            periodStart = t;
        }
        periodEnd = t;
    }
}
