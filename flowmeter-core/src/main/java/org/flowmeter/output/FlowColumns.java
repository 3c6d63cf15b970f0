package org.flowmeter.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.IpAddresses;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.flowmeter.feature.CicFeatures;
import org.flowmeter.feature.Column;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.RowWriter;
import org.flowmeter.flow.Flow;
import org.flowmeter.pcap.PacketSource;

/**
 * The columns of a flow row: Deepfence's identifier columns first, then each feature set's
 * columns (CIC's preceded by CIC's own identifier columns when asked for), then when the flow
 * started and ended and why it ended, then the columns other tools' records share: start and
 * end as times, Community ID, a flow id stable across runs, the VLAN ids and the input file.
 */
public final class FlowColumns implements RowSchema {
    private static final List<Column> IDENTIFIERS = List.of(
            Column.string("fiveTuple"), Column.string("srcIP"), Column.string("dstIP"),
            Column.string("protocol"), Column.integer("srcPort"), Column.integer("dstPort"));
    private static final List<Column> TIMES = List.of(
            Column.integer("flowStartNanos"), Column.integer("flowEndNanos"), Column.string("endReason"));
    private static final List<Column> SHARED = List.of(
            Column.timestamp("flowStart"), Column.timestamp("flowEnd"), Column.string("communityId"),
            Column.integer("flowUid"), Column.integer("vlan"), Column.integer("innerVlan"), Column.string("inputFile"));
    /** CICFlowMeter's identifier columns, written before its features with {@code --features cic}. */
    private static final List<Column> CIC_IDENTIFIERS = List.of(
            Column.string("Flow ID"), Column.string("Src IP"), Column.integer("Src Port"),
            Column.string("Dst IP"), Column.integer("Dst Port"), Column.integer("Protocol"),
            Column.string("Timestamp"));
    private static final DateTimeFormatter CIC_TIME =
            DateTimeFormatter.ofPattern("dd/MM/uuuu hh:mm:ss a", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final CommunityId COMMUNITY_ID = new CommunityId(0);

    private final List<Column> columns;
    /** Index of the feature set CIC's identifier columns precede, or -1. */
    private final int cicSet;
    private volatile IntFunction<String> inputNames = i -> "";

    public FlowColumns(List<FeatureSet> sets) {
        this(sets, false);
    }

    /** With {@code cicIdentifiers}, CIC's own identifier columns precede the CIC feature set. */
    public FlowColumns(List<FeatureSet> sets, boolean cicIdentifiers) {
        List<Column> all = new ArrayList<>(IDENTIFIERS);
        int cic = -1;
        for (int i = 0; i < sets.size(); i++) {
            FeatureSet s = sets.get(i);
            if (cicIdentifiers && CicFeatures.NAME.equals(s.name())) {
                cic = i;
                all.addAll(CIC_IDENTIFIERS);
            }
            all.addAll(s.columns());
        }
        all.addAll(TIMES);
        all.addAll(SHARED);
        this.columns = List.copyOf(all);
        this.cicSet = cic;
    }

    /** Names the {@code inputFile} column's values: the input a flow's first packet came from. */
    public FlowColumns readingFrom(PacketSource source) {
        this.inputNames = source::inputName;
        return this;
    }

    public static List<Column> identifierColumns() {
        return IDENTIFIERS;
    }

    public static List<Column> timeColumns() {
        return TIMES;
    }

    /** flowStart, flowEnd, communityId, flowUid, vlan, innerVlan, inputFile (last, as it was before the VLAN columns). */
    public static List<Column> sharedColumns() {
        return SHARED;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public void write(Flow flow, RowWriter out) {
        writeIdentifiers(flow, out);
        for (int i = 0; i < flow.featureSetCount(); i++) {
            if (i == cicSet) {
                writeCicIdentifiers(flow, out);
            }
            flow.features(i).write(out);
        }
        writeTimes(flow, out);
        writeShared(flow, out);
    }

    /** The columns of {@link #sharedColumns()}. */
    public void writeShared(Flow flow, RowWriter out) {
        out.timestamp(flow.firstNanos());
        out.timestamp(flow.lastNanos());
        out.string(COMMUNITY_ID.of(flow));
        out.integer(FlowUid.of(flow));
        out.integer(VlanIds.outer(flow.vlan));
        out.integer(VlanIds.inner(flow.vlan));
        out.string(inputNames.apply(flow.inputIndex));
    }

    /** As CICFlowMeter writes them; its timestamp is in UTC here (CICFlowMeter's is local time). */
    private static void writeCicIdentifiers(Flow flow, RowWriter out) {
        String src = IpAddresses.formatAddress(flow.ipVersion, flow.srcHi, flow.srcLo);
        String dst = IpAddresses.formatAddress(flow.ipVersion, flow.dstHi, flow.dstLo);
        out.string(src + "-" + dst + "-" + flow.srcPort + "-" + flow.dstPort + "-" + flow.protocol);
        out.string(src);
        out.integer(flow.srcPort);
        out.string(dst);
        out.integer(flow.dstPort);
        out.integer(flow.protocol);
        out.string(CIC_TIME.format(Instant.ofEpochSecond(0, flow.firstNanos())));
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
