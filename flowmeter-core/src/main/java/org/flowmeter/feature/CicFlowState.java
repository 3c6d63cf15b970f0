package org.flowmeter.feature;

import org.flowmeter.decode.DecodedPacket;

/**
 * Per-flow state of the CIC feature set: two {@link CicDirection}s, the flow's gaps, subflows,
 * activity, flag counts and ICMP type. Times are kept in nanoseconds and written in microseconds.
 */
final class CicFlowState implements FlowFeatures {
    private static final long serialVersionUID = 1L;
    /** A gap longer than this starts a new subflow. */
    static final long SUBFLOW_GAP_NANOS = 1_000_000_000L;
    private static final double NANOS_PER_MICRO = 1e3;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final int FLAG_BITS = 8;
    private static final int FIN_BIT = 0;
    private static final int SYN_BIT = 1;
    private static final int RST_BIT = 2;
    private static final int PSH_BIT = 3;
    private static final int ACK_BIT = 4;
    private static final int URG_BIT = 5;
    private static final int ECE_BIT = 6;
    private static final int CWR_BIT = 7;

    /** Where each statistic starts in {@link #stats}. */
    private static final int FWD_PAYLOAD = 0;
    private static final int FWD_IAT = PackedStats.WIDTH;
    private static final int BWD_PAYLOAD = 2 * PackedStats.WIDTH;
    private static final int BWD_IAT = 3 * PackedStats.WIDTH;
    private static final int FLOW_IAT = 4 * PackedStats.WIDTH;
    private static final int ACTIVE = 5 * PackedStats.WIDTH;
    private static final int IDLE = 6 * PackedStats.WIDTH;

    /*
     * Parts of the state that only some columns read ({@link ColumnSet.Builder#needs}): each is
     * per-packet work a meter for a model that reads none of its columns skips. The payload
     * statistics are kept for every flow (the packet counts are read from them); so are times,
     * header lengths, windows, subflow gaps and ICMP, each an addition or a comparison, as cheap
     * as the test that would skip it.
     */
    /** The gaps between the flow's packets (a running statistic per packet). */
    static final int FLOW_GAPS = 1;
    /** The gaps between forward packets. */
    static final int FWD_GAPS = 1 << 1;
    /** The gaps between backward packets. */
    static final int BWD_GAPS = 1 << 2;
    /** Both directions' bulk trackers. */
    static final int BULKS = 1 << 3;
    /** Active and idle periods. */
    static final int ACTIVITY = 1 << 4;
    /** TCP flag counts, of the flow and per direction. */
    static final int FLAGS = 1 << 5;

    /** Every running statistic of the flow, in one array. */
    final double[] stats = PackedStats.of(7);
    /** The parts this flow keeps: every one, unless its meter was told which columns are read. */
    private final int parts;
    final CicDirection fwd;
    final CicDirection bwd;
    final ActivityTracker activity = new ActivityTracker(stats, ACTIVE, IDLE);
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

    /** A flow keeping only {@code parts} (bits of the constants above) besides what every flow keeps. */
    CicFlowState(int parts) {
        this.parts = parts;
        this.fwd = new CicDirection(stats, FWD_PAYLOAD, FWD_IAT, (parts & FWD_GAPS) != 0, (parts & FLAGS) != 0);
        this.bwd = new CicDirection(stats, BWD_PAYLOAD, BWD_IAT, (parts & BWD_GAPS) != 0, (parts & FLAGS) != 0);
    }

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
        int kept = parts;
        if ((kept & FLOW_GAPS) != 0) {
            PackedStats.add(stats, FLOW_IAT, gap);
        }
        if (gap > SUBFLOW_GAP_NANOS) {
            subflowGaps++;
        }
        if ((kept & ACTIVITY) != 0) {
            activity.add(t);
        }
        last = t;
        count(p, forward, t);
    }

    private void count(DecodedPacket p, boolean forward, long t) {
        CicDirection own = forward ? fwd : bwd;
        own.add(p, t);
        int kept = parts;
        if (p.payloadLength > 0 && (kept & BULKS) != 0) {
            (forward ? bwd : fwd).bulk.interrupt();
            own.bulk.onData(t, p.payloadLength);
        }
        if ((kept & FLAGS) != 0) {
            // one step per flag set (most packets carry one or two), not one per bit up to the highest
            for (int flags = p.tcpFlags & 0xff; flags != 0; flags &= flags - 1) {
                flagCounts[Integer.numberOfTrailingZeros(flags)]++;
            }
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

    /** The columns, named and ordered as in the CIC-IDS2017 "improved" CSVs. */
    static final ColumnSet<CicFlowState> COLUMNS = ColumnSet.<CicFlowState>builder()
            .real("Flow Duration", s -> micros(s.durationNanos()))
            .integer("Total Fwd Packet", s -> s.fwd.packets())
            .integer("Total Bwd packets", s -> s.bwd.packets())
            .integer("Total Length of Fwd Packet", s -> PackedStats.sum(s.stats, FWD_PAYLOAD))
            .integer("Total Length of Bwd Packet", s -> PackedStats.sum(s.stats, BWD_PAYLOAD))
            .integer("Fwd Packet Length Max", s -> PackedStats.max(s.stats, FWD_PAYLOAD))
            .integer("Fwd Packet Length Min", s -> PackedStats.min(s.stats, FWD_PAYLOAD))
            .real("Fwd Packet Length Mean", s -> PackedStats.mean(s.stats, FWD_PAYLOAD))
            .real("Fwd Packet Length Std", s -> PackedStats.sampleStd(s.stats, FWD_PAYLOAD))
            .integer("Bwd Packet Length Max", s -> PackedStats.max(s.stats, BWD_PAYLOAD))
            .integer("Bwd Packet Length Min", s -> PackedStats.min(s.stats, BWD_PAYLOAD))
            .real("Bwd Packet Length Mean", s -> PackedStats.mean(s.stats, BWD_PAYLOAD))
            .real("Bwd Packet Length Std", s -> PackedStats.sampleStd(s.stats, BWD_PAYLOAD))
            .real("Flow Bytes/s", s -> s.perSecond(s.payloadBytes()))
            .real("Flow Packets/s", s -> s.perSecond(s.packets()))
            .real("Flow IAT Mean", s -> micros(PackedStats.mean(s.stats, FLOW_IAT))).needs(FLOW_GAPS)
            .real("Flow IAT Std", s -> micros(PackedStats.sampleStd(s.stats, FLOW_IAT))).needs(FLOW_GAPS)
            .real("Flow IAT Max", s -> micros(PackedStats.max(s.stats, FLOW_IAT))).needs(FLOW_GAPS)
            .real("Flow IAT Min", s -> micros(PackedStats.min(s.stats, FLOW_IAT))).needs(FLOW_GAPS)
            .real("Fwd IAT Total", s -> micros(PackedStats.sum(s.stats, FWD_IAT))).needs(FWD_GAPS)
            .real("Fwd IAT Mean", s -> micros(PackedStats.mean(s.stats, FWD_IAT))).needs(FWD_GAPS)
            .real("Fwd IAT Std", s -> micros(PackedStats.sampleStd(s.stats, FWD_IAT))).needs(FWD_GAPS)
            .real("Fwd IAT Max", s -> micros(PackedStats.max(s.stats, FWD_IAT))).needs(FWD_GAPS)
            .real("Fwd IAT Min", s -> micros(PackedStats.min(s.stats, FWD_IAT))).needs(FWD_GAPS)
            .real("Bwd IAT Total", s -> micros(PackedStats.sum(s.stats, BWD_IAT))).needs(BWD_GAPS)
            .real("Bwd IAT Mean", s -> micros(PackedStats.mean(s.stats, BWD_IAT))).needs(BWD_GAPS)
            .real("Bwd IAT Std", s -> micros(PackedStats.sampleStd(s.stats, BWD_IAT))).needs(BWD_GAPS)
            .real("Bwd IAT Max", s -> micros(PackedStats.max(s.stats, BWD_IAT))).needs(BWD_GAPS)
            .real("Bwd IAT Min", s -> micros(PackedStats.min(s.stats, BWD_IAT))).needs(BWD_GAPS)
            .integer("Fwd PSH Flags", s -> s.fwd.psh).needs(FLAGS)
            .integer("Bwd PSH Flags", s -> s.bwd.psh).needs(FLAGS)
            .integer("Fwd URG Flags", s -> s.fwd.urg).needs(FLAGS)
            .integer("Bwd URG Flags", s -> s.bwd.urg).needs(FLAGS)
            .integer("Fwd RST Flags", s -> s.fwd.rst).needs(FLAGS)
            .integer("Bwd RST Flags", s -> s.bwd.rst).needs(FLAGS)
            .integer("Fwd Header Length", s -> s.fwd.headerBytes)
            .integer("Bwd Header Length", s -> s.bwd.headerBytes)
            .real("Fwd Packets/s", s -> s.perSecond(s.fwd.packets()))
            .real("Bwd Packets/s", s -> s.perSecond(s.bwd.packets()))
            .integer("Packet Length Min", CicFlowState::combinedMin)
            .integer("Packet Length Max", CicFlowState::combinedMax)
            .real("Packet Length Mean", CicFlowState::combinedMean)
            .real("Packet Length Std", s -> Math.sqrt(s.combinedVariance()))
            .real("Packet Length Variance", CicFlowState::combinedVariance)
            .integer("FIN Flag Count", s -> s.flagCounts[FIN_BIT]).needs(FLAGS)
            .integer("SYN Flag Count", s -> s.flagCounts[SYN_BIT]).needs(FLAGS)
            .integer("RST Flag Count", s -> s.flagCounts[RST_BIT]).needs(FLAGS)
            .integer("PSH Flag Count", s -> s.flagCounts[PSH_BIT]).needs(FLAGS)
            .integer("ACK Flag Count", s -> s.flagCounts[ACK_BIT]).needs(FLAGS)
            .integer("URG Flag Count", s -> s.flagCounts[URG_BIT]).needs(FLAGS)
            .integer("CWR Flag Count", s -> s.flagCounts[CWR_BIT]).needs(FLAGS)
            .integer("ECE Flag Count", s -> s.flagCounts[ECE_BIT]).needs(FLAGS)
            .real("Down/Up Ratio", s -> s.fwd.packets() == 0 ? 0 : (double) s.bwd.packets() / s.fwd.packets())
            .real("Average Packet Size", s -> s.packets() == 0 ? 0 : s.payloadBytes() / s.packets())
            .real("Fwd Segment Size Avg", s -> PackedStats.mean(s.stats, FWD_PAYLOAD))
            .real("Bwd Segment Size Avg", s -> PackedStats.mean(s.stats, BWD_PAYLOAD))
            .real("Fwd Bytes/Bulk Avg", s -> s.fwd.bulk.bytesPerBulk()).needs(BULKS)
            .real("Fwd Packet/Bulk Avg", s -> s.fwd.bulk.packetsPerBulk()).needs(BULKS)
            .real("Fwd Bulk Rate Avg", s -> s.fwd.bulk.bytesPerSecond()).needs(BULKS)
            .real("Bwd Bytes/Bulk Avg", s -> s.bwd.bulk.bytesPerBulk()).needs(BULKS)
            .real("Bwd Packet/Bulk Avg", s -> s.bwd.bulk.packetsPerBulk()).needs(BULKS)
            .real("Bwd Bulk Rate Avg", s -> s.bwd.bulk.bytesPerSecond()).needs(BULKS)
            .real("Subflow Fwd Packets", s -> (double) s.fwd.packets() / s.subflows())
            .real("Subflow Fwd Bytes", s -> PackedStats.sum(s.stats, FWD_PAYLOAD) / s.subflows())
            .real("Subflow Bwd Packets", s -> (double) s.bwd.packets() / s.subflows())
            .real("Subflow Bwd Bytes", s -> PackedStats.sum(s.stats, BWD_PAYLOAD) / s.subflows())
            .integer("FWD Init Win Bytes", s -> s.fwd.initialWindow)
            .integer("Bwd Init Win Bytes", s -> s.bwd.initialWindow)
            .integer("Fwd Act Data Pkts", s -> s.fwd.dataPackets)
            .integer("Fwd Seg Size Min", s -> s.fwd.minHeaderOrZero())
            .real("Active Mean", s -> micros(PackedStats.mean(s.stats, ACTIVE))).needs(ACTIVITY)
            .real("Active Std", s -> micros(PackedStats.sampleStd(s.stats, ACTIVE))).needs(ACTIVITY)
            .real("Active Max", s -> micros(PackedStats.max(s.stats, ACTIVE))).needs(ACTIVITY)
            .real("Active Min", s -> micros(PackedStats.min(s.stats, ACTIVE))).needs(ACTIVITY)
            .real("Idle Mean", s -> micros(PackedStats.mean(s.stats, IDLE))).needs(ACTIVITY)
            .real("Idle Std", s -> micros(PackedStats.sampleStd(s.stats, IDLE))).needs(ACTIVITY)
            .real("Idle Max", s -> micros(PackedStats.max(s.stats, IDLE))).needs(ACTIVITY)
            .real("Idle Min", s -> micros(PackedStats.min(s.stats, IDLE))).needs(ACTIVITY)
            .integer("ICMP Code", s -> s.icmpCode)
            .integer("ICMP Type", s -> s.icmpType)
            .real("Total TCP Flow Time", s -> s.protocol == DecodedPacket.TCP ? micros(s.last - s.connectionStart) : 0)
            .build();

    /**
     * Column {@code column}'s value, as its reader in {@link #COLUMNS} gives it (the same expression):
     * one direct call per column where the readers are one megamorphic call each.
     */
    static double column(CicFlowState s, int column) {
        switch (column) {
            case 0: // Flow Duration
                return micros(s.durationNanos());
            case 1: // Total Fwd Packet
                return s.fwd.packets();
            case 2: // Total Bwd packets
                return s.bwd.packets();
            case 3: // Total Length of Fwd Packet
                return PackedStats.sum(s.stats, FWD_PAYLOAD);
            case 4: // Total Length of Bwd Packet
                return PackedStats.sum(s.stats, BWD_PAYLOAD);
            case 5: // Fwd Packet Length Max
                return PackedStats.max(s.stats, FWD_PAYLOAD);
            case 6: // Fwd Packet Length Min
                return PackedStats.min(s.stats, FWD_PAYLOAD);
            case 7: // Fwd Packet Length Mean
                return PackedStats.mean(s.stats, FWD_PAYLOAD);
            case 8: // Fwd Packet Length Std
                return PackedStats.sampleStd(s.stats, FWD_PAYLOAD);
            case 9: // Bwd Packet Length Max
                return PackedStats.max(s.stats, BWD_PAYLOAD);
            case 10: // Bwd Packet Length Min
                return PackedStats.min(s.stats, BWD_PAYLOAD);
            case 11: // Bwd Packet Length Mean
                return PackedStats.mean(s.stats, BWD_PAYLOAD);
            case 12: // Bwd Packet Length Std
                return PackedStats.sampleStd(s.stats, BWD_PAYLOAD);
            case 13: // Flow Bytes/s
                return s.perSecond(s.payloadBytes());
            case 14: // Flow Packets/s
                return s.perSecond(s.packets());
            case 15: // Flow IAT Mean
                return micros(PackedStats.mean(s.stats, FLOW_IAT));
            case 16: // Flow IAT Std
                return micros(PackedStats.sampleStd(s.stats, FLOW_IAT));
            case 17: // Flow IAT Max
                return micros(PackedStats.max(s.stats, FLOW_IAT));
            case 18: // Flow IAT Min
                return micros(PackedStats.min(s.stats, FLOW_IAT));
            case 19: // Fwd IAT Total
                return micros(PackedStats.sum(s.stats, FWD_IAT));
            case 20: // Fwd IAT Mean
                return micros(PackedStats.mean(s.stats, FWD_IAT));
            case 21: // Fwd IAT Std
                return micros(PackedStats.sampleStd(s.stats, FWD_IAT));
            case 22: // Fwd IAT Max
                return micros(PackedStats.max(s.stats, FWD_IAT));
            case 23: // Fwd IAT Min
                return micros(PackedStats.min(s.stats, FWD_IAT));
            case 24: // Bwd IAT Total
                return micros(PackedStats.sum(s.stats, BWD_IAT));
            case 25: // Bwd IAT Mean
                return micros(PackedStats.mean(s.stats, BWD_IAT));
            case 26: // Bwd IAT Std
                return micros(PackedStats.sampleStd(s.stats, BWD_IAT));
            case 27: // Bwd IAT Max
                return micros(PackedStats.max(s.stats, BWD_IAT));
            case 28: // Bwd IAT Min
                return micros(PackedStats.min(s.stats, BWD_IAT));
            case 29: // Fwd PSH Flags
                return s.fwd.psh;
            case 30: // Bwd PSH Flags
                return s.bwd.psh;
            case 31: // Fwd URG Flags
                return s.fwd.urg;
            case 32: // Bwd URG Flags
                return s.bwd.urg;
            case 33: // Fwd RST Flags
                return s.fwd.rst;
            case 34: // Bwd RST Flags
                return s.bwd.rst;
            case 35: // Fwd Header Length
                return s.fwd.headerBytes;
            case 36: // Bwd Header Length
                return s.bwd.headerBytes;
            case 37: // Fwd Packets/s
                return s.perSecond(s.fwd.packets());
            case 38: // Bwd Packets/s
                return s.perSecond(s.bwd.packets());
            case 39: // Packet Length Min
                return s.combinedMin();
            case 40: // Packet Length Max
                return s.combinedMax();
            case 41: // Packet Length Mean
                return s.combinedMean();
            case 42: // Packet Length Std
                return Math.sqrt(s.combinedVariance());
            case 43: // Packet Length Variance
                return s.combinedVariance();
            case 44: // FIN Flag Count
                return s.flagCounts[FIN_BIT];
            case 45: // SYN Flag Count
                return s.flagCounts[SYN_BIT];
            case 46: // RST Flag Count
                return s.flagCounts[RST_BIT];
            case 47: // PSH Flag Count
                return s.flagCounts[PSH_BIT];
            case 48: // ACK Flag Count
                return s.flagCounts[ACK_BIT];
            case 49: // URG Flag Count
                return s.flagCounts[URG_BIT];
            case 50: // CWR Flag Count
                return s.flagCounts[CWR_BIT];
            case 51: // ECE Flag Count
                return s.flagCounts[ECE_BIT];
            case 52: // Down/Up Ratio
                return s.fwd.packets() == 0 ? 0 : (double) s.bwd.packets() / s.fwd.packets();
            case 53: // Average Packet Size
                return s.packets() == 0 ? 0 : s.payloadBytes() / s.packets();
            case 54: // Fwd Segment Size Avg
                return PackedStats.mean(s.stats, FWD_PAYLOAD);
            case 55: // Bwd Segment Size Avg
                return PackedStats.mean(s.stats, BWD_PAYLOAD);
            case 56: // Fwd Bytes/Bulk Avg
                return s.fwd.bulk.bytesPerBulk();
            case 57: // Fwd Packet/Bulk Avg
                return s.fwd.bulk.packetsPerBulk();
            case 58: // Fwd Bulk Rate Avg
                return s.fwd.bulk.bytesPerSecond();
            case 59: // Bwd Bytes/Bulk Avg
                return s.bwd.bulk.bytesPerBulk();
            case 60: // Bwd Packet/Bulk Avg
                return s.bwd.bulk.packetsPerBulk();
            case 61: // Bwd Bulk Rate Avg
                return s.bwd.bulk.bytesPerSecond();
            case 62: // Subflow Fwd Packets
                return (double) s.fwd.packets() / s.subflows();
            case 63: // Subflow Fwd Bytes
                return PackedStats.sum(s.stats, FWD_PAYLOAD) / s.subflows();
            case 64: // Subflow Bwd Packets
                return (double) s.bwd.packets() / s.subflows();
            case 65: // Subflow Bwd Bytes
                return PackedStats.sum(s.stats, BWD_PAYLOAD) / s.subflows();
            case 66: // FWD Init Win Bytes
                return s.fwd.initialWindow;
            case 67: // Bwd Init Win Bytes
                return s.bwd.initialWindow;
            case 68: // Fwd Act Data Pkts
                return s.fwd.dataPackets;
            case 69: // Fwd Seg Size Min
                return s.fwd.minHeaderOrZero();
            case 70: // Active Mean
                return micros(PackedStats.mean(s.stats, ACTIVE));
            case 71: // Active Std
                return micros(PackedStats.sampleStd(s.stats, ACTIVE));
            case 72: // Active Max
                return micros(PackedStats.max(s.stats, ACTIVE));
            case 73: // Active Min
                return micros(PackedStats.min(s.stats, ACTIVE));
            case 74: // Idle Mean
                return micros(PackedStats.mean(s.stats, IDLE));
            case 75: // Idle Std
                return micros(PackedStats.sampleStd(s.stats, IDLE));
            case 76: // Idle Max
                return micros(PackedStats.max(s.stats, IDLE));
            case 77: // Idle Min
                return micros(PackedStats.min(s.stats, IDLE));
            case 78: // ICMP Code
                return s.icmpCode;
            case 79: // ICMP Type
                return s.icmpType;
            case 80: // Total TCP Flow Time
                return s.protocol == DecodedPacket.TCP ? micros(s.last - s.connectionStart) : 0;
            default:
                throw new IndexOutOfBoundsException(column);
        }
    }

    @Override
    public void write(RowWriter out) {
        COLUMNS.write(this, parts, out);
    }

    @Override
    public void values(double[] out, int offset) {
        COLUMNS.requireAll(parts);
        for (int c = 0; c < COLUMNS.size(); c++) {
            out[offset + c] = column(this, c);
        }
    }

    @Override
    public void values(double[] out, int offset, int[] columns) {
        COLUMNS.requireComputed(parts, columns);
        for (int c : columns) {
            out[offset + c] = column(this, c);
        }
    }

    private long durationNanos() {
        return last - first;
    }

    private long packets() {
        return fwd.packets() + bwd.packets();
    }

    private double payloadBytes() {
        return PackedStats.sum(stats, FWD_PAYLOAD) + PackedStats.sum(stats, BWD_PAYLOAD);
    }

    private long subflows() {
        return subflowGaps + 1;
    }

    /*
     * The payload lengths of both directions are merged from the two directions' statistics
     * (exactly, as in {@link RunningStats#merge}) so that no packet pays for a third update.
     */
    private double combinedMin() {
        long a = fwd.packets();
        long b = bwd.packets();
        if (a + b == 0) {
            return 0;
        }
        double aMin = PackedStats.min(stats, FWD_PAYLOAD);
        double bMin = PackedStats.min(stats, BWD_PAYLOAD);
        return a == 0 ? bMin : b == 0 ? aMin : Math.min(aMin, bMin);
    }

    private double combinedMax() {
        return packets() == 0 ? 0 : Math.max(PackedStats.max(stats, FWD_PAYLOAD), PackedStats.max(stats, BWD_PAYLOAD));
    }

    private double combinedMean() {
        long n = packets();
        return n == 0 ? 0 : payloadBytes() / n;
    }

    /** Sample variance of both directions' payload lengths. */
    private double combinedVariance() {
        long a = fwd.packets();
        long b = bwd.packets();
        long n = a + b;
        if (n == 0) {
            return 0;
        }
        double delta = PackedStats.mean(stats, BWD_PAYLOAD) - PackedStats.mean(stats, FWD_PAYLOAD);
        double m2 = PackedStats.populationVariance(stats, FWD_PAYLOAD) * a + PackedStats.populationVariance(stats, BWD_PAYLOAD) * b
                + delta * delta * ((double) a * b / n);
        return n < 2 ? 0 : Math.max(0, m2 / (n - 1));
    }

    private static double micros(double nanos) {
        return nanos / NANOS_PER_MICRO;
    }

    /** A rate over a zero-length flow is 0: a single instant has no rate (CICFlowMeter gives Infinity or NaN). */
    private double perSecond(double amount) {
        double seconds = durationNanos() / NANOS_PER_SECOND;
        return seconds > 0 ? amount / seconds : 0;
    }
}
