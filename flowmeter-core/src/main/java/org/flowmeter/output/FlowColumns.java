package org.flowmeter.output;

import java.util.ArrayList;
import java.util.List;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.IpAddresses;
import org.flowmeter.feature.Column;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.RowWriter;
import org.flowmeter.flow.Flow;

/**
 * The columns of a flow row: Deepfence's identifier columns first, then each feature set's
 * columns, then when the flow started and ended and why it ended.
 */
public final class FlowColumns implements RowSchema {
    private static final List<Column> IDENTIFIERS = List.of(
            Column.string("fiveTuple"), Column.string("srcIP"), Column.string("dstIP"),
            Column.string("protocol"), Column.integer("srcPort"), Column.integer("dstPort"));
    private static final List<Column> TIMES = List.of(
            Column.integer("flowStartNanos"), Column.integer("flowEndNanos"), Column.string("endReason"));

    private final List<Column> columns;

    public FlowColumns(List<FeatureSet> sets) {
        List<Column> all = new ArrayList<>(IDENTIFIERS);
        for (FeatureSet s : sets) {
            all.addAll(s.columns());
        }
        all.addAll(TIMES);
        this.columns = List.copyOf(all);
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public void write(Flow flow, RowWriter out) {
        writeIdentifiers(flow, out);
        for (int i = 0; i < flow.featureSetCount(); i++) {
            flow.features(i).write(out);
        }
        writeTimes(flow, out);
    }

    /** The six identifier columns. */
    public void writeIdentifiers(Flow flow, RowWriter out) {
        String src = IpAddresses.formatAddress(flow.ipVersion, flow.srcHi, flow.srcLo);
        String dst = IpAddresses.formatAddress(flow.ipVersion, flow.dstHi, flow.dstLo);
        String protocol = protocolName(flow.protocol);
        out.string(src + "--" + dst + "--" + protocol + "--" + flow.srcPort + "--" + flow.dstPort);
        out.string(src);
        out.string(dst);
        out.string(protocol);
        out.integer(flow.srcPort);
        out.integer(flow.dstPort);
    }

    /** The three time columns: start, end, end reason. */
    public void writeTimes(Flow flow, RowWriter out) {
        out.integer(flow.firstNanos());
        out.integer(flow.lastNanos());
        out.string(flow.endReason() == null ? "" : flow.endReason().label());
    }

    public static String protocolName(int protocol) {
        switch (protocol) {
            case DecodedPacket.TCP:
                return "TCP";
            case DecodedPacket.UDP:
                return "UDP";
            case DecodedPacket.ICMP:
                return "ICMP";
            case DecodedPacket.ICMPV6:
                return "ICMPv6";
            default:
                return Integer.toString(protocol);
        }
    }
}
