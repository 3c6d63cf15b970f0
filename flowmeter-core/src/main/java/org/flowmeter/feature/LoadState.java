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

    /**
     * Column {@code column}'s value, as its reader in {@link #COLUMNS} gives it (the same expression):
     * one direct call per column where the readers are one megamorphic call each.
     */
    static double column(double[] v, int column) {
        switch (column) {
            case 0: // ldSrcFlows
                return v[RecentFlowReports.SRC_FLOWS];
            case 1: // ldSrcFlowsPerSecond
                return v[RecentFlowReports.SRC_FLOWS_PER_SECOND];
            case 2: // ldSrcUnansweredShare
                return v[RecentFlowReports.SRC_UNANSWERED_SHARE];
            case 3: // ldSrcFailedShare
                return v[RecentFlowReports.SRC_FAILED_SHARE];
            case 4: // ldSrcHosts
                return v[RecentFlowReports.SRC_HOSTS];
            case 5: // ldSrcEndpoints
                return v[RecentFlowReports.SRC_ENDPOINTS];
            case 6: // ldSrcAnsweredEndpoints
                return v[RecentFlowReports.SRC_ANSWERED_ENDPOINTS];
            case 7: // ldPairFlows
                return v[RecentFlowReports.PAIR_FLOWS];
            case 8: // ldPairUnansweredShare
                return v[RecentFlowReports.PAIR_UNANSWERED_SHARE];
            case 9: // ldPairFailedShare
                return v[RecentFlowReports.PAIR_FAILED_SHARE];
            case 10: // ldDstFlows
                return v[RecentFlowReports.DST_FLOWS];
            case 11: // ldDstFlowsPerSecond
                return v[RecentFlowReports.DST_FLOWS_PER_SECOND];
            case 12: // ldDstUnansweredShare
                return v[RecentFlowReports.DST_UNANSWERED_SHARE];
            case 13: // ldDstSources
                return v[RecentFlowReports.DST_SOURCES];
            case 14: // ldDstAnsweredSources
                return v[RecentFlowReports.DST_ANSWERED_SOURCES];
            case 15: // ldDstUnansweredSources
                return v[RecentFlowReports.DST_UNANSWERED_SOURCES];
            case 16: // ldSvcFlows
                return v[RecentFlowReports.SVC_FLOWS];
            case 17: // ldSvcFlowsPerSecond
                return v[RecentFlowReports.SVC_FLOWS_PER_SECOND];
            case 18: // ldSvcUnansweredShare
                return v[RecentFlowReports.SVC_UNANSWERED_SHARE];
            case 19: // ldSvcSources
                return v[RecentFlowReports.SVC_SOURCES];
            case 20: // ldSvcAnsweredSources
                return v[RecentFlowReports.SVC_ANSWERED_SOURCES];
            case 21: // ldSvcUnansweredSources
                return v[RecentFlowReports.SVC_UNANSWERED_SOURCES];
            case 22: // ldSrcUnansweredFlows
                return v[RecentFlowReports.SRC_UNANSWERED_FLOWS];
            case 23: // ldSrcFailedFlows
                return v[RecentFlowReports.SRC_FAILED_FLOWS];
            case 24: // ldPairUnansweredFlows
                return v[RecentFlowReports.PAIR_UNANSWERED_FLOWS];
            case 25: // ldPairFailedFlows
                return v[RecentFlowReports.PAIR_FAILED_FLOWS];
            case 26: // ldDstUnansweredFlows
                return v[RecentFlowReports.DST_UNANSWERED_FLOWS];
            case 27: // ldSvcUnansweredFlows
                return v[RecentFlowReports.SVC_UNANSWERED_FLOWS];
            default:
                throw new IndexOutOfBoundsException(column);
        }
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
