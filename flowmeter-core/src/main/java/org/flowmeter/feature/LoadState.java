package org.flowmeter.feature;

import org.flowmeter.decode.DecodedPacket;

/**
 * One flow's load columns (see {@link LoadFeatures}): fixed when the flow is reported, or, for
 * an early score of a flow still open, taken as they stand with the flow counted as it is so far.
 */
final class LoadState implements FlowFeatures {
    private static final long serialVersionUID = 1L;

    private final transient RecentFlowReports reports;
    private RecentFlowReports.Keys keys;
    private boolean answered;
    private boolean reset;
    /** The values at the flow's report; null while it is open. */
    private double[] atEnd;

    LoadState(RecentFlowReports reports) {
        this.reports = reports;
    }

    @Override
    public void onFirstPacket(DecodedPacket p, boolean forward) {
        int service = p.protocol << 16 | (forward ? p.dstPort : p.srcPort);
        keys = forward
                ? RecentFlowReports.Keys.of(p.ipVersion, p.srcHi, p.srcLo, p.dstHi, p.dstLo, service)
                : RecentFlowReports.Keys.of(p.ipVersion, p.dstHi, p.dstLo, p.srcHi, p.srcLo, service);
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
        reports.add(keys, !answered, failed());
        atEnd = new double[RecentFlowReports.VALUES];
        reports.describe(keys, false, !answered, failed(), atEnd, 0);
    }

    private boolean failed() {
        return !answered || reset;
    }

    @Override
    public void write(RowWriter out) {
        double[] v = new double[RecentFlowReports.VALUES];
        values(v, 0);
        NumericColumns.write(LoadFeatures.COLUMNS, v, out);
    }

    @Override
    public void values(double[] out, int offset) {
        if (atEnd != null) {
            System.arraycopy(atEnd, 0, out, offset, atEnd.length);
        } else if (reports != null) {
            reports.expire();
            reports.describe(keys, true, !answered, failed(), out, offset);
        }
    }
}
