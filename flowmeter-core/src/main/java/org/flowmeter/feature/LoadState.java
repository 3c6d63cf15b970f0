package org.flowmeter.feature;

import org.flowmeter.decode.DecodedPacket;

/**
 * One flow's load columns (see {@link LoadFeatures}): fixed when the flow is reported, or, for
 * an early score of a flow still open, taken as they stand with the flow counted as it is so far.
 */
final class LoadState implements FlowFeatures {
    private static final long serialVersionUID = 1L;

    private final transient RecentFlowReports reports;
    /*
     * The flow's hosts (source is the forward direction's) and service, kept as numbers: its five
     * window keys (about 340 bytes) are made when the window is asked, not held by every open flow.
     */
    private int version;
    private long srcHi;
    private long srcLo;
    private long dstHi;
    private long dstLo;
    private int service;
    private boolean answered;
    private boolean reset;
    /** The values at the flow's report; null while it is open. */
    private double[] atEnd;

    LoadState(RecentFlowReports reports) {
        this.reports = reports;
    }

    @Override
    public void onFirstPacket(DecodedPacket p, boolean forward) {
        version = p.ipVersion;
        service = p.protocol << 16 | (forward ? p.dstPort : p.srcPort);
        srcHi = forward ? p.srcHi : p.dstHi;
        srcLo = forward ? p.srcLo : p.dstLo;
        dstHi = forward ? p.dstHi : p.srcHi;
        dstLo = forward ? p.dstLo : p.srcLo;
        onPacket(p, forward);
    }

    @Override
    public void onPacket(DecodedPacket p, boolean forward) {
        reports.tick(p.timestampNanos);
        answered |= !forward;
        reset |= (p.tcpFlags & DecodedPacket.RST) != 0;
    }

    @Override
    public void onExpire(long endNanos) {
        reports.tick(endNanos);
        atEnd = new double[RecentFlowReports.VALUES];
        reports.addAndDescribe(keys(), !answered, failed(), atEnd, 0);
    }

    private boolean failed() {
        return !answered || reset;
    }

    private RecentFlowReports.Keys keys() {
        return RecentFlowReports.Keys.of(version, srcHi, srcLo, dstHi, dstLo, service);
    }

    /** The columns, read from the values {@link RecentFlowReports#describe} gives for the flow. */
    static final ColumnSet<double[]> COLUMNS = ColumnSet.<double[]>builder()
            .integerRaising("ldSrcFlows")
            .realRaising("ldSrcFlowsPerSecond")
            .realRaising("ldSrcUnansweredShare")
            .realRaising("ldSrcFailedShare")
            .integerRaising("ldSrcHosts")
            .integerRaising("ldSrcEndpoints")
            .integer("ldSrcAnsweredEndpoints")
            .integerRaising("ldPairFlows")
            .realRaising("ldPairUnansweredShare")
            .realRaising("ldPairFailedShare")
            .integerRaising("ldDstFlows")
            .realRaising("ldDstFlowsPerSecond")
            .realRaising("ldDstUnansweredShare")
            .integerRaising("ldDstSources")
            .integer("ldDstAnsweredSources")
            .integerRaising("ldDstUnansweredSources")
            .integerRaising("ldSvcFlows")
            .realRaising("ldSvcFlowsPerSecond")
            .realRaising("ldSvcUnansweredShare")
            .integerRaising("ldSvcSources")
            .integer("ldSvcAnsweredSources")
            .integerRaising("ldSvcUnansweredSources")
            // Failures as counts beside the shares: a lone unanswered flow has a share of 1, the
            // same flow amid answered traffic a small one, so a share can make a lone flow look
            // worse than its context; a count only grows with the evidence.
            .integerRaising("ldSrcUnansweredFlows")
            .integerRaising("ldSrcFailedFlows")
            .integerRaising("ldPairUnansweredFlows")
            .integerRaising("ldPairFailedFlows")
            .integerRaising("ldDstUnansweredFlows")
            .integerRaising("ldSvcUnansweredFlows")
            .build(LoadState::column);

    /**
     * Column {@code column}'s value: case {@code i} is the expression of the {@code i}-th column
     * declared in {@link #COLUMNS}, written only here. Rows read it through {@code COLUMNS},
     * scores call it directly: one direct call per column, not a megamorphic one.
     */
    static double column(double[] v, int column) {
        return switch (column) {
            case 0 -> v[RecentFlowReports.SRC_FLOWS];
            case 1 -> v[RecentFlowReports.SRC_FLOWS_PER_SECOND];
            case 2 -> v[RecentFlowReports.SRC_UNANSWERED_SHARE];
            case 3 -> v[RecentFlowReports.SRC_FAILED_SHARE];
            case 4 -> v[RecentFlowReports.SRC_HOSTS];
            case 5 -> v[RecentFlowReports.SRC_ENDPOINTS];
            case 6 -> v[RecentFlowReports.SRC_ANSWERED_ENDPOINTS];
            case 7 -> v[RecentFlowReports.PAIR_FLOWS];
            case 8 -> v[RecentFlowReports.PAIR_UNANSWERED_SHARE];
            case 9 -> v[RecentFlowReports.PAIR_FAILED_SHARE];
            case 10 -> v[RecentFlowReports.DST_FLOWS];
            case 11 -> v[RecentFlowReports.DST_FLOWS_PER_SECOND];
            case 12 -> v[RecentFlowReports.DST_UNANSWERED_SHARE];
            case 13 -> v[RecentFlowReports.DST_SOURCES];
            case 14 -> v[RecentFlowReports.DST_ANSWERED_SOURCES];
            case 15 -> v[RecentFlowReports.DST_UNANSWERED_SOURCES];
            case 16 -> v[RecentFlowReports.SVC_FLOWS];
            case 17 -> v[RecentFlowReports.SVC_FLOWS_PER_SECOND];
            case 18 -> v[RecentFlowReports.SVC_UNANSWERED_SHARE];
            case 19 -> v[RecentFlowReports.SVC_SOURCES];
            case 20 -> v[RecentFlowReports.SVC_ANSWERED_SOURCES];
            case 21 -> v[RecentFlowReports.SVC_UNANSWERED_SOURCES];
            case 22 -> v[RecentFlowReports.SRC_UNANSWERED_FLOWS];
            case 23 -> v[RecentFlowReports.SRC_FAILED_FLOWS];
            case 24 -> v[RecentFlowReports.PAIR_UNANSWERED_FLOWS];
            case 25 -> v[RecentFlowReports.PAIR_FAILED_FLOWS];
            case 26 -> v[RecentFlowReports.DST_UNANSWERED_FLOWS];
            case 27 -> v[RecentFlowReports.SVC_UNANSWERED_FLOWS];
            default -> throw new IndexOutOfBoundsException(column);
        };
    }

    /** The values at the report, or as they stand for a flow still open (then in the window's scratch array, valid until the next call). */
    private double[] current() {
        if (atEnd != null) {
            return atEnd;
        }
        if (reports == null) {
            return new double[RecentFlowReports.VALUES]; // read back from a file: nothing to count with
        }
        double[] now = reports.scratch;
        reports.expire();
        reports.describe(keys(), true, !answered, failed(), now, 0);
        return now;
    }

    @Override
    public void write(RowWriter out) {
        COLUMNS.write(current(), out);
    }

    @Override
    public void values(double[] out, int offset) {
        double[] v = current();
        for (int c = 0; c < COLUMNS.size(); c++) {
            out[offset + c] = column(v, c);
        }
    }

    @Override
    public void values(double[] out, int offset, int[] columns) {
        double[] v = current();
        for (int c : columns) {
            out[offset + c] = column(v, c);
        }
    }
}
