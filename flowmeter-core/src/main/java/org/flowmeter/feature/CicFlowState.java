package org.flowmeter.feature;

import org.flowmeter.decode.DecodedPacket;

/**
 * Per-flow state of the CIC feature set: both directions ({@link CicDirection}), the flow's gaps,
 * subflows, activity, flag counts and ICMP type. Times are kept in nanoseconds and written in
 * microseconds. Everything a packet updates is in two arrays, the counters and times in
 * {@link #v} and the running statistics in {@link #stats}, laid out by the offsets below: three
 * objects per flow where a direction, tracker and counter each were one, which kept a packet's
 * updates scattered over the heap.
 */
final class CicFlowState implements FlowFeatures {
    private static final long serialVersionUID = 1L;
    /** A gap longer than this starts a new subflow. */
    static final long SUBFLOW_GAP_NANOS = 1_000_000_000L;
    private static final double NANOS_PER_MICRO = 1e3;
    private static final double NANOS_PER_SECOND = 1e9;

    /** Where each statistic starts in {@link #stats}. */
    private static final int FWD_PAYLOAD = 0;
    private static final int FWD_IAT = PackedStats.WIDTH;
    private static final int BWD_PAYLOAD = 2 * PackedStats.WIDTH;
    private static final int BWD_IAT = 3 * PackedStats.WIDTH;
    private static final int FLOW_IAT = 4 * PackedStats.WIDTH;
    private static final int ACTIVE = 5 * PackedStats.WIDTH;
    private static final int IDLE = 6 * PackedStats.WIDTH;

    /** Where each value is in {@link #v}. */
    private static final int FIRST = 0;
    private static final int LAST = 1;
    /** Start of the TCP connection: earlier than the first packet when an active timeout split it. */
    private static final int CONNECTION_START = 2;
    private static final int SUBFLOW_GAP_COUNT = 3;
    private static final int PROTOCOL = 4;
    private static final int ICMP_TYPE = 5;
    private static final int ICMP_CODE = 6;
    /** Start of the active period in progress ({@link ActivityTracker}). */
    private static final int PERIOD_START = 7;
    private static final int FWD = 8;
    private static final int BWD = FWD + CicDirection.WIDTH;
    private static final int VALUES = BWD + CicDirection.WIDTH;

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
    /** Every other value of the flow: times, counts, both directions (offsets above). */
    final long[] v = new long[VALUES];
    /** The parts this flow keeps: every one, unless its meter was told which columns are read. */
    private final int parts;

    /** A flow keeping only {@code parts} (bits of the constants above) besides what every flow keeps. */
    CicFlowState(int parts) {
        this.parts = parts;
        v[ICMP_TYPE] = -1;
        v[ICMP_CODE] = -1;
    }

    @Override
    public void onFirstPacket(DecodedPacket p, boolean forward) {
        long t = p.timestampNanos;
        long[] v = this.v;
        v[FIRST] = t;
        v[LAST] = t;
        v[CONNECTION_START] = t;
        v[PROTOCOL] = p.protocol;
        v[PERIOD_START] = t;
        count(p, forward, t);
    }

    @Override
    public void onPacket(DecodedPacket p, boolean forward) {
        long[] v = this.v;
        // Time never runs backwards within a flow (merged or multi-interface captures).
        long previous = v[LAST];
        long t = Math.max(p.timestampNanos, previous);
        long gap = t - previous;
        int kept = parts;
        if ((kept & FLOW_GAPS) != 0) {
            PackedStats.add(stats, FLOW_IAT, gap);
        }
        if (gap > SUBFLOW_GAP_NANOS) {
            v[SUBFLOW_GAP_COUNT]++;
        }
        if ((kept & ACTIVITY) != 0) {
            ActivityTracker.add(v, PERIOD_START, stats, ACTIVE, IDLE, previous, t);
        }
        v[LAST] = t;
        count(p, forward, t);
    }

    private void count(DecodedPacket p, boolean forward, long t) {
        long[] v = this.v;
        int kept = parts;
        boolean flagged = (kept & FLAGS) != 0;
        if (forward) {
            CicDirection.add(v, FWD, stats, FWD_PAYLOAD, FWD_IAT, p, t, (kept & FWD_GAPS) != 0, flagged);
        } else {
            CicDirection.add(v, BWD, stats, BWD_PAYLOAD, BWD_IAT, p, t, (kept & BWD_GAPS) != 0, flagged);
        }
        if (p.payloadLength > 0 && (kept & BULKS) != 0) {
            BulkTracker.interrupt(v, (forward ? BWD : FWD) + CicDirection.BULK);
            BulkTracker.onData(v, (forward ? FWD : BWD) + CicDirection.BULK, t, p.payloadLength);
        }
        if (v[ICMP_TYPE] < 0 && p.icmpType >= 0) {
            v[ICMP_TYPE] = p.icmpType;
            v[ICMP_CODE] = p.icmpCode;
        }
    }

    @Override
    public void continueFrom(FlowFeatures previous) {
        if (previous instanceof CicFlowState before) {
            v[CONNECTION_START] = before.v[CONNECTION_START];
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
            case 1 -> s.packets(FWD_PAYLOAD);
            case 2 -> s.packets(BWD_PAYLOAD);
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
            case 29 -> s.flagCount(FWD, DecodedPacket.PSH);
            case 30 -> s.flagCount(BWD, DecodedPacket.PSH);
            case 31 -> s.flagCount(FWD, DecodedPacket.URG);
            case 32 -> s.flagCount(BWD, DecodedPacket.URG);
            case 33 -> s.flagCount(FWD, DecodedPacket.RST);
            case 34 -> s.flagCount(BWD, DecodedPacket.RST);
            case 35 -> CicDirection.headerBytes(s.v, FWD);
            case 36 -> CicDirection.headerBytes(s.v, BWD);
            case 37 -> s.perSecond(s.packets(FWD_PAYLOAD));
            case 38 -> s.perSecond(s.packets(BWD_PAYLOAD));
            case 39 -> s.combinedMin();
            case 40 -> s.combinedMax();
            case 41 -> s.combinedMean();
            case 42 -> Math.sqrt(s.combinedVariance());
            case 43 -> s.combinedVariance();
            case 44 -> s.flowFlagCount(DecodedPacket.FIN);
            case 45 -> s.flowFlagCount(DecodedPacket.SYN);
            case 46 -> s.flowFlagCount(DecodedPacket.RST);
            case 47 -> s.flowFlagCount(DecodedPacket.PSH);
            case 48 -> s.flowFlagCount(DecodedPacket.ACK);
            case 49 -> s.flowFlagCount(DecodedPacket.URG);
            case 50 -> s.flowFlagCount(DecodedPacket.CWR);
            case 51 -> s.flowFlagCount(DecodedPacket.ECE);
            case 52 -> s.packets(FWD_PAYLOAD) == 0 ? 0 : (double) s.packets(BWD_PAYLOAD) / s.packets(FWD_PAYLOAD);
            case 53 -> s.packets() == 0 ? 0 : s.payloadBytes() / s.packets();
            case 54 -> PackedStats.mean(s.stats, FWD_PAYLOAD);
            case 55 -> PackedStats.mean(s.stats, BWD_PAYLOAD);
            case 56 -> BulkTracker.bytesPerBulk(s.v, FWD + CicDirection.BULK);
            case 57 -> BulkTracker.packetsPerBulk(s.v, FWD + CicDirection.BULK);
            case 58 -> BulkTracker.bytesPerSecond(s.v, FWD + CicDirection.BULK);
            case 59 -> BulkTracker.bytesPerBulk(s.v, BWD + CicDirection.BULK);
            case 60 -> BulkTracker.packetsPerBulk(s.v, BWD + CicDirection.BULK);
            case 61 -> BulkTracker.bytesPerSecond(s.v, BWD + CicDirection.BULK);
            case 62 -> (double) s.packets(FWD_PAYLOAD) / s.subflows();
            case 63 -> PackedStats.sum(s.stats, FWD_PAYLOAD) / s.subflows();
            case 64 -> (double) s.packets(BWD_PAYLOAD) / s.subflows();
            case 65 -> PackedStats.sum(s.stats, BWD_PAYLOAD) / s.subflows();
            case 66 -> CicDirection.initialWindow(s.v, FWD);
            case 67 -> CicDirection.initialWindow(s.v, BWD);
            case 68 -> CicDirection.dataPackets(s.v, FWD);
            case 69 -> CicDirection.minHeaderOrZero(s.v, FWD, s.stats, FWD_PAYLOAD);
            case 70 -> micros(PackedStats.mean(s.stats, ACTIVE));
            case 71 -> micros(PackedStats.sampleStd(s.stats, ACTIVE));
            case 72 -> micros(PackedStats.max(s.stats, ACTIVE));
            case 73 -> micros(PackedStats.min(s.stats, ACTIVE));
            case 74 -> micros(PackedStats.mean(s.stats, IDLE));
            case 75 -> micros(PackedStats.sampleStd(s.stats, IDLE));
            case 76 -> micros(PackedStats.max(s.stats, IDLE));
            case 77 -> micros(PackedStats.min(s.stats, IDLE));
            case 78 -> s.v[ICMP_CODE];
            case 79 -> s.v[ICMP_TYPE];
            case 80 -> s.v[PROTOCOL] == DecodedPacket.TCP ? micros(s.v[LAST] - s.v[CONNECTION_START]) : 0;
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
        return v[LAST] - v[FIRST];
    }

    /** Packets of the direction whose payload statistics are at {@code payload}. */
    private long packets(int payload) {
        return PackedStats.count(stats, payload);
    }

    private long packets() {
        return packets(FWD_PAYLOAD) + packets(BWD_PAYLOAD);
    }

    private long flagCount(int direction, int mask) {
        return CicDirection.flagCount(v, direction, mask);
    }

    /** Packets of the flow with the TCP flag {@code mask} set. */
    private long flowFlagCount(int mask) {
        return flagCount(FWD, mask) + flagCount(BWD, mask);
    }

    private double payloadBytes() {
        return PackedStats.sum(stats, FWD_PAYLOAD) + PackedStats.sum(stats, BWD_PAYLOAD);
    }

    private long subflows() {
        return v[SUBFLOW_GAP_COUNT] + 1;
    }

    /*
     * The payload lengths of both directions are merged from the two directions' statistics
     * (exactly, as in {@link RunningStats#merge}) so that no packet pays for a third update.
     */
    private double combinedMin() {
        long a = packets(FWD_PAYLOAD);
        long b = packets(BWD_PAYLOAD);
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
        long a = packets(FWD_PAYLOAD);
        long b = packets(BWD_PAYLOAD);
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
