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
        RecentFlowReports.Keys keys = keys();
        reports.add(keys, !answered, failed());
        atEnd = new double[RecentFlowReports.VALUES];
        reports.describe(keys, false, !answered, failed(), atEnd, 0);
    }

    private boolean failed() {
        return !answered || reset;
    }

    private RecentFlowReports.Keys keys() {
        return RecentFlowReports.Keys.of(version, srcHi, srcLo, dstHi, dstLo, service);
    }

    /** The columns, read from the values {@link RecentFlowReports#describe} gives for the flow. */
    static final ColumnSet<double[]> COLUMNS = ColumnSet.<double[]>builder()
            .integerRaising("ldSrcFlows", v -> v[RecentFlowReports.SRC_FLOWS])
            .realRaising("ldSrcFlowsPerSecond", v -> v[RecentFlowReports.SRC_FLOWS_PER_SECOND])
            .realRaising("ldSrcUnansweredShare", v -> v[RecentFlowReports.SRC_UNANSWERED_SHARE])
            .realRaising("ldSrcFailedShare", v -> v[RecentFlowReports.SRC_FAILED_SHARE])
            .integerRaising("ldSrcHosts", v -> v[RecentFlowReports.SRC_HOSTS])
            .integerRaising("ldSrcEndpoints", v -> v[RecentFlowReports.SRC_ENDPOINTS])
            .integer("ldSrcAnsweredEndpoints", v -> v[RecentFlowReports.SRC_ANSWERED_ENDPOINTS])
            .integerRaising("ldPairFlows", v -> v[RecentFlowReports.PAIR_FLOWS])
            .realRaising("ldPairUnansweredShare", v -> v[RecentFlowReports.PAIR_UNANSWERED_SHARE])
            .realRaising("ldPairFailedShare", v -> v[RecentFlowReports.PAIR_FAILED_SHARE])
            .integerRaising("ldDstFlows", v -> v[RecentFlowReports.DST_FLOWS])
            .realRaising("ldDstFlowsPerSecond", v -> v[RecentFlowReports.DST_FLOWS_PER_SECOND])
            .realRaising("ldDstUnansweredShare", v -> v[RecentFlowReports.DST_UNANSWERED_SHARE])
            .integerRaising("ldDstSources", v -> v[RecentFlowReports.DST_SOURCES])
            .integer("ldDstAnsweredSources", v -> v[RecentFlowReports.DST_ANSWERED_SOURCES])
            .integerRaising("ldDstUnansweredSources", v -> v[RecentFlowReports.DST_UNANSWERED_SOURCES])
            .integerRaising("ldSvcFlows", v -> v[RecentFlowReports.SVC_FLOWS])
            .realRaising("ldSvcFlowsPerSecond", v -> v[RecentFlowReports.SVC_FLOWS_PER_SECOND])
            .realRaising("ldSvcUnansweredShare", v -> v[RecentFlowReports.SVC_UNANSWERED_SHARE])
            .integerRaising("ldSvcSources", v -> v[RecentFlowReports.SVC_SOURCES])
            .integer("ldSvcAnsweredSources", v -> v[RecentFlowReports.SVC_ANSWERED_SOURCES])
            .integerRaising("ldSvcUnansweredSources", v -> v[RecentFlowReports.SVC_UNANSWERED_SOURCES])
            // Failures as counts beside the shares: a lone unanswered flow has a share of 1, the
            // same flow amid answered traffic a small one, so a share can make a lone flow look
            // worse than its context; a count only grows with the evidence.
            .integerRaising("ldSrcUnansweredFlows", v -> v[RecentFlowReports.SRC_UNANSWERED_FLOWS])
            .integerRaising("ldSrcFailedFlows", v -> v[RecentFlowReports.SRC_FAILED_FLOWS])
            .integerRaising("ldPairUnansweredFlows", v -> v[RecentFlowReports.PAIR_UNANSWERED_FLOWS])
            .integerRaising("ldPairFailedFlows", v -> v[RecentFlowReports.PAIR_FAILED_FLOWS])
            .integerRaising("ldDstUnansweredFlows", v -> v[RecentFlowReports.DST_UNANSWERED_FLOWS])
            .integerRaising("ldSvcUnansweredFlows", v -> v[RecentFlowReports.SVC_UNANSWERED_FLOWS])
            .build();

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
        COLUMNS.values(current(), out, offset);
    }

    @Override
    public void values(double[] out, int offset, int[] columns) {
        COLUMNS.values(current(), out, offset, columns);
    }
}
