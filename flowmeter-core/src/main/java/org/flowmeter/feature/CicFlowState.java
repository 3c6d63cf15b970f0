package org.flowmeter.feature;

import org.flowmeter.decode.DecodedPacket;

/**
 * Per-flow state of the CIC feature set: two {@link CicDirection}s, the flow's gaps, subflows,
 * activity, flag counts and ICMP type. Times are kept in nanoseconds and written in microseconds.
 */
final class CicFlowState implements FlowFeatures {
    /** A gap longer than this starts a new subflow. */
    static final long SUBFLOW_GAP_NANOS = 1_000_000_000L;
    private static final double NANOS_PER_MICRO = 1e3;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final int FLAG_BITS = 8;

    final CicDirection fwd = new CicDirection();
    final CicDirection bwd = new CicDirection();
    /** Gaps between consecutive packets of the flow, either direction, in nanoseconds. */
    final RunningStats iat = new RunningStats();
    final ActivityTracker activity = new ActivityTracker();
    /** Packets with each TCP flag, by bit position (FIN = bit 0 ... CWR = bit 7). */
    private final int[] flagCounts = new int[FLAG_BITS];
    private long first;
    private long last;
    /** Start of the TCP connection: earlier than {@code first} when an active timeout split it. */
    private long connectionStart;
    private long subflowGaps;
    private int protocol;
    private int icmpType = -1;
    private int icmpCode = -1;

    @Override
    public void onFirstPacket(DecodedPacket p, boolean forward) {
        long t = p.timestampNanos;
        first = t;
        last = t;
        connectionStart = t;
        protocol = p.protocol;
        activity.start(t);
        count(p, forward, t);
    }

    @Override
    public void onPacket(DecodedPacket p, boolean forward) {
        // Time never runs backwards within a flow (merged or multi-interface captures).
        long t = Math.max(p.timestampNanos, last);
        long gap = t - last;
        iat.add(gap);
        if (gap > SUBFLOW_GAP_NANOS) {
            subflowGaps++;
        }
        activity.add(t);
        last = t;
        count(p, forward, t);
    }

    private void count(DecodedPacket p, boolean forward, long t) {
        CicDirection own = forward ? fwd : bwd;
        own.add(p, t);
        if (p.payloadLength > 0) {
            (forward ? bwd : fwd).bulk.interrupt();
            own.bulk.onData(t, p.payloadLength);
        }
        int flags = p.tcpFlags;
        for (int bit = 0; flags != 0; bit++, flags >>>= 1) {
            flagCounts[bit] += flags & 1;
        }
        if (icmpType < 0 && p.icmpType >= 0) {
            icmpType = p.icmpType;
            icmpCode = p.icmpCode;
        }
    }

    @Override
    public void continueFrom(FlowFeatures previous) {
        if (previous instanceof CicFlowState before) {
            connectionStart = before.connectionStart;
        }
    }

    @Override
    public void write(RowWriter out) {
        double[] v = new double[CicFeatures.COLUMN_COUNT];
        values(v, 0);
        for (int i = 0; i < v.length; i++) {
            if (CicFeatures.INTEGER_COLUMNS[i]) {
                out.integer((long) v[i]);
            } else {
                out.real(v[i]);
            }
        }
    }

    @Override
    public void values(double[] v, int o) {
        long durationNanos = last - first;
        double seconds = durationNanos / NANOS_PER_SECOND;
        long packets = fwd.packets() + bwd.packets();
        double payloadBytes = fwd.payload.sum() + bwd.payload.sum();
        long subflows = subflowGaps + 1;
        int i = o;
        v[i++] = micros(durationNanos);
        v[i++] = fwd.packets();
        v[i++] = bwd.packets();
        v[i++] = fwd.payload.sum();
        v[i++] = bwd.payload.sum();
        i = sizes(fwd.payload, v, i);
        i = sizes(bwd.payload, v, i);
        v[i++] = perSecond(payloadBytes, seconds);
        v[i++] = perSecond(packets, seconds);
        v[i++] = micros(iat.mean());
        v[i++] = micros(iat.sampleStd());
        v[i++] = micros(iat.max());
        v[i++] = micros(iat.min());
        i = gaps(fwd.iat, v, i);
        i = gaps(bwd.iat, v, i);
        v[i++] = fwd.psh;
        v[i++] = bwd.psh;
        v[i++] = fwd.urg;
        v[i++] = bwd.urg;
        v[i++] = fwd.rst;
        v[i++] = bwd.rst;
        v[i++] = fwd.headerBytes;
        v[i++] = bwd.headerBytes;
        v[i++] = perSecond(fwd.packets(), seconds);
        v[i++] = perSecond(bwd.packets(), seconds);
        i = combinedSizes(v, i);
        v[i++] = flagCounts[0];  // FIN
        v[i++] = flagCounts[1];  // SYN
        v[i++] = flagCounts[2];  // RST
        v[i++] = flagCounts[3];  // PSH
        v[i++] = flagCounts[4];  // ACK
        v[i++] = flagCounts[5];  // URG
        v[i++] = flagCounts[7];  // CWR
        v[i++] = flagCounts[6];  // ECE
        v[i++] = fwd.packets() == 0 ? 0 : (double) bwd.packets() / fwd.packets();
        v[i++] = packets == 0 ? 0 : payloadBytes / packets;
        v[i++] = fwd.payload.mean();
        v[i++] = bwd.payload.mean();
        i = bulks(fwd.bulk, v, i);
        i = bulks(bwd.bulk, v, i);
        v[i++] = (double) fwd.packets() / subflows;
        v[i++] = fwd.payload.sum() / subflows;
        v[i++] = (double) bwd.packets() / subflows;
        v[i++] = bwd.payload.sum() / subflows;
        v[i++] = fwd.initialWindow;
        v[i++] = bwd.initialWindow;
        v[i++] = fwd.dataPackets;
        v[i++] = fwd.minHeaderOrZero();
        i = periods(activity.active, v, i);
        i = periods(activity.idle, v, i);
        v[i++] = icmpCode;
        v[i++] = icmpType;
        v[i] = protocol == DecodedPacket.TCP ? micros(last - connectionStart) : 0;
    }

    /** Max, min, mean, sample std of one direction's payload lengths. */
    private static int sizes(RunningStats s, double[] v, int i) {
        v[i] = s.max();
        v[i + 1] = s.min();
        v[i + 2] = s.mean();
        v[i + 3] = s.sampleStd();
        return i + 4;
    }

    /** Total, mean, sample std, max, min of one direction's gaps, in microseconds. */
    private static int gaps(RunningStats s, double[] v, int i) {
        v[i] = micros(s.sum());
        v[i + 1] = micros(s.mean());
        v[i + 2] = micros(s.sampleStd());
        v[i + 3] = micros(s.max());
        v[i + 4] = micros(s.min());
        return i + 5;
    }

    /** Mean, sample std, max, min of active or idle periods, in microseconds. */
    private static int periods(RunningStats s, double[] v, int i) {
        v[i] = micros(s.mean());
        v[i + 1] = micros(s.sampleStd());
        v[i + 2] = micros(s.max());
        v[i + 3] = micros(s.min());
        return i + 4;
    }

    private static int bulks(BulkTracker b, double[] v, int i) {
        v[i] = b.bytesPerBulk();
        v[i + 1] = b.packetsPerBulk();
        v[i + 2] = b.bytesPerSecond();
        return i + 3;
    }

    /**
     * Min, max, mean, sample std and sample variance of the payload lengths of both directions,
     * merged from the two directions' statistics (exactly, as in {@link RunningStats#merge}) so
     * that no packet pays for a third update.
     */
    private int combinedSizes(double[] v, int i) {
        RunningStats a = fwd.payload;
        RunningStats b = bwd.payload;
        long n = a.count() + b.count();
        if (n == 0) {
            for (int k = 0; k < 5; k++) {
                v[i + k] = 0;
            }
            return i + 5;
        }
        double mean = (a.sum() + b.sum()) / n;
        double delta = b.mean() - a.mean();
        double m2 = a.populationVariance() * a.count() + b.populationVariance() * b.count()
                + delta * delta * ((double) a.count() * b.count() / n);
        double variance = n < 2 ? 0 : Math.max(0, m2 / (n - 1));
        v[i] = a.count() == 0 ? b.min() : b.count() == 0 ? a.min() : Math.min(a.min(), b.min());
        v[i + 1] = Math.max(a.max(), b.max());
        v[i + 2] = mean;
        v[i + 3] = Math.sqrt(variance);
        v[i + 4] = variance;
        return i + 5;
    }

    private static double micros(double nanos) {
        return nanos / NANOS_PER_MICRO;
    }

    /** A rate over a zero-length flow is 0: a single instant has no rate (CICFlowMeter gives Infinity or NaN). */
    private static double perSecond(double amount, double seconds) {
        return seconds > 0 ? amount / seconds : 0;
    }
}
