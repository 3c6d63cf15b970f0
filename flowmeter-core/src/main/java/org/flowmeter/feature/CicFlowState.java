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
            .real("Flow Duration")
            .integer("Total Fwd Packet")
            .integer("Total Bwd packets")
            .integer("Total Length of Fwd Packet")
            .integer("Total Length of Bwd Packet")
            .integer("Fwd Packet Length Max")
            .integer("Fwd Packet Length Min")
            .real("Fwd Packet Length Mean")
            .real("Fwd Packet Length Std")
            .integer("Bwd Packet Length Max")
            .integer("Bwd Packet Length Min")
            .real("Bwd Packet Length Mean")
            .real("Bwd Packet Length Std")
            .real("Flow Bytes/s")
            .real("Flow Packets/s")
            .real("Flow IAT Mean").needs(FLOW_GAPS)
            .real("Flow IAT Std").needs(FLOW_GAPS)
            .real("Flow IAT Max").needs(FLOW_GAPS)
            .real("Flow IAT Min").needs(FLOW_GAPS)
            .real("Fwd IAT Total").needs(FWD_GAPS)
            .real("Fwd IAT Mean").needs(FWD_GAPS)
            .real("Fwd IAT Std").needs(FWD_GAPS)
            .real("Fwd IAT Max").needs(FWD_GAPS)
            .real("Fwd IAT Min").needs(FWD_GAPS)
            .real("Bwd IAT Total").needs(BWD_GAPS)
            .real("Bwd IAT Mean").needs(BWD_GAPS)
            .real("Bwd IAT Std").needs(BWD_GAPS)
            .real("Bwd IAT Max").needs(BWD_GAPS)
            .real("Bwd IAT Min").needs(BWD_GAPS)
            .integer("Fwd PSH Flags").needs(FLAGS)
            .integer("Bwd PSH Flags").needs(FLAGS)
            .integer("Fwd URG Flags").needs(FLAGS)
            .integer("Bwd URG Flags").needs(FLAGS)
            .integer("Fwd RST Flags").needs(FLAGS)
            .integer("Bwd RST Flags").needs(FLAGS)
            .integer("Fwd Header Length")
            .integer("Bwd Header Length")
            .real("Fwd Packets/s")
            .real("Bwd Packets/s")
            .integer("Packet Length Min")
            .integer("Packet Length Max")
            .real("Packet Length Mean")
            .real("Packet Length Std")
            .real("Packet Length Variance")
            .integer("FIN Flag Count").needs(FLAGS)
            .integer("SYN Flag Count").needs(FLAGS)
            .integer("RST Flag Count").needs(FLAGS)
            .integer("PSH Flag Count").needs(FLAGS)
            .integer("ACK Flag Count").needs(FLAGS)
            .integer("URG Flag Count").needs(FLAGS)
            .integer("CWR Flag Count").needs(FLAGS)
            .integer("ECE Flag Count").needs(FLAGS)
            .real("Down/Up Ratio")
            .real("Average Packet Size")
            .real("Fwd Segment Size Avg")
            .real("Bwd Segment Size Avg")
            .real("Fwd Bytes/Bulk Avg").needs(BULKS)
            .real("Fwd Packet/Bulk Avg").needs(BULKS)
            .real("Fwd Bulk Rate Avg").needs(BULKS)
            .real("Bwd Bytes/Bulk Avg").needs(BULKS)
            .real("Bwd Packet/Bulk Avg").needs(BULKS)
            .real("Bwd Bulk Rate Avg").needs(BULKS)
            .real("Subflow Fwd Packets")
            .real("Subflow Fwd Bytes")
            .real("Subflow Bwd Packets")
            .real("Subflow Bwd Bytes")
            .integer("FWD Init Win Bytes")
            .integer("Bwd Init Win Bytes")
            .integer("Fwd Act Data Pkts")
            .integer("Fwd Seg Size Min")
            .real("Active Mean").needs(ACTIVITY)
            .real("Active Std").needs(ACTIVITY)
            .real("Active Max").needs(ACTIVITY)
            .real("Active Min").needs(ACTIVITY)
            .real("Idle Mean").needs(ACTIVITY)
            .real("Idle Std").needs(ACTIVITY)
            .real("Idle Max").needs(ACTIVITY)
            .real("Idle Min").needs(ACTIVITY)
            .integer("ICMP Code")
            .integer("ICMP Type")
            .real("Total TCP Flow Time")
            .build(CicFlowState::column);

    /**
     * Column {@code column}'s value: case {@code i} is the expression of the {@code i}-th column
     * declared in {@link #COLUMNS}, written only here. Rows read it through {@code COLUMNS},
     * scores call it directly: one direct call per column, not a megamorphic one.
     */
    static double column(CicFlowState s, int column) {
        return switch (column) {
            case 0 -> micros(s.durationNanos());
            case 1 -> s.fwd.packets();
            case 2 -> s.bwd.packets();
            case 3 -> PackedStats.sum(s.stats, FWD_PAYLOAD);
            case 4 -> PackedStats.sum(s.stats, BWD_PAYLOAD);
            case 5 -> PackedStats.max(s.stats, FWD_PAYLOAD);
            case 6 -> PackedStats.min(s.stats, FWD_PAYLOAD);
            case 7 -> PackedStats.mean(s.stats, FWD_PAYLOAD);
            case 8 -> PackedStats.sampleStd(s.stats, FWD_PAYLOAD);
            case 9 -> PackedStats.max(s.stats, BWD_PAYLOAD);
            case 10 -> PackedStats.min(s.stats, BWD_PAYLOAD);
            case 11 -> PackedStats.mean(s.stats, BWD_PAYLOAD);
            case 12 -> PackedStats.sampleStd(s.stats, BWD_PAYLOAD);
            case 13 -> s.perSecond(s.payloadBytes());
            case 14 -> s.perSecond(s.packets());
            case 15 -> micros(PackedStats.mean(s.stats, FLOW_IAT));
            case 16 -> micros(PackedStats.sampleStd(s.stats, FLOW_IAT));
            case 17 -> micros(PackedStats.max(s.stats, FLOW_IAT));
            case 18 -> micros(PackedStats.min(s.stats, FLOW_IAT));
            case 19 -> micros(PackedStats.sum(s.stats, FWD_IAT));
            case 20 -> micros(PackedStats.mean(s.stats, FWD_IAT));
            case 21 -> micros(PackedStats.sampleStd(s.stats, FWD_IAT));
            case 22 -> micros(PackedStats.max(s.stats, FWD_IAT));
            case 23 -> micros(PackedStats.min(s.stats, FWD_IAT));
            case 24 -> micros(PackedStats.sum(s.stats, BWD_IAT));
            case 25 -> micros(PackedStats.mean(s.stats, BWD_IAT));
            case 26 -> micros(PackedStats.sampleStd(s.stats, BWD_IAT));
            case 27 -> micros(PackedStats.max(s.stats, BWD_IAT));
            case 28 -> micros(PackedStats.min(s.stats, BWD_IAT));
            case 29 -> s.fwd.psh;
            case 30 -> s.bwd.psh;
            case 31 -> s.fwd.urg;
            case 32 -> s.bwd.urg;
            case 33 -> s.fwd.rst;
            case 34 -> s.bwd.rst;
            case 35 -> s.fwd.headerBytes;
            case 36 -> s.bwd.headerBytes;
            case 37 -> s.perSecond(s.fwd.packets());
            case 38 -> s.perSecond(s.bwd.packets());
            case 39 -> s.combinedMin();
            case 40 -> s.combinedMax();
            case 41 -> s.combinedMean();
            case 42 -> Math.sqrt(s.combinedVariance());
            case 43 -> s.combinedVariance();
            case 44 -> s.flagCounts[FIN_BIT];
            case 45 -> s.flagCounts[SYN_BIT];
            case 46 -> s.flagCounts[RST_BIT];
            case 47 -> s.flagCounts[PSH_BIT];
            case 48 -> s.flagCounts[ACK_BIT];
            case 49 -> s.flagCounts[URG_BIT];
            case 50 -> s.flagCounts[CWR_BIT];
            case 51 -> s.flagCounts[ECE_BIT];
            case 52 -> s.fwd.packets() == 0 ? 0 : (double) s.bwd.packets() / s.fwd.packets();
            case 53 -> s.packets() == 0 ? 0 : s.payloadBytes() / s.packets();
            case 54 -> PackedStats.mean(s.stats, FWD_PAYLOAD);
            case 55 -> PackedStats.mean(s.stats, BWD_PAYLOAD);
            case 56 -> s.fwd.bulk.bytesPerBulk();
            case 57 -> s.fwd.bulk.packetsPerBulk();
            case 58 -> s.fwd.bulk.bytesPerSecond();
            case 59 -> s.bwd.bulk.bytesPerBulk();
            case 60 -> s.bwd.bulk.packetsPerBulk();
            case 61 -> s.bwd.bulk.bytesPerSecond();
            case 62 -> (double) s.fwd.packets() / s.subflows();
            case 63 -> PackedStats.sum(s.stats, FWD_PAYLOAD) / s.subflows();
            case 64 -> (double) s.bwd.packets() / s.subflows();
            case 65 -> PackedStats.sum(s.stats, BWD_PAYLOAD) / s.subflows();
            case 66 -> s.fwd.initialWindow;
            case 67 -> s.bwd.initialWindow;
            case 68 -> s.fwd.dataPackets;
            case 69 -> s.fwd.minHeaderOrZero();
            case 70 -> micros(PackedStats.mean(s.stats, ACTIVE));
            case 71 -> micros(PackedStats.sampleStd(s.stats, ACTIVE));
            case 72 -> micros(PackedStats.max(s.stats, ACTIVE));
            case 73 -> micros(PackedStats.min(s.stats, ACTIVE));
            case 74 -> micros(PackedStats.mean(s.stats, IDLE));
            case 75 -> micros(PackedStats.sampleStd(s.stats, IDLE));
            case 76 -> micros(PackedStats.max(s.stats, IDLE));
            case 77 -> micros(PackedStats.min(s.stats, IDLE));
            case 78 -> s.icmpCode;
            case 79 -> s.icmpType;
            case 80 -> s.protocol == DecodedPacket.TCP ? micros(s.last - s.connectionStart) : 0;
            default -> throw new IndexOutOfBoundsException(column);
        };
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
