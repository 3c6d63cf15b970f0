package org.flowmeter.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.IpAddresses;
import org.flowmeter.flow.EndReason;
import org.flowmeter.flow.Flow;
import org.flowmeter.pcap.PacketSource;

/**
 * One JSON object per line in the shape of Suricata's eve {@code flow} events, so that a
 * pipeline built for Suricata (Elastic, Splunk, jq scripts) takes flowmeter's flows too:
 * {@code timestamp} (the flow's start), {@code flow_id}, {@code event_type}, the endpoints,
 * {@code proto}, {@code community_id}, a {@code flow} object (packets and bytes each way, start,
 * end, age, state, reason) and a {@code flowmeter} object with what Suricata has no field for:
 * the score and verdict when classifying, the end reason and the input file.
 */
public final class EveFlowWriter implements FlowWriter {
    /**
     * What a classifier decided about a flow; {@code decidedBy} may be null, and so may
     * {@code phase} (live capture's {@code early} or {@code final} row).
     */
    public record Judgement(double score, boolean malicious, String decidedBy, long decidedAtPacket, String phase) {
        public Judgement withPhase(String value) {
            return new Judgement(score, malicious, decidedBy, decidedAtPacket, value);
        }
    }

    private static final CommunityId COMMUNITY_ID = new CommunityId(0);

    private final OutputStream out;
    private final Function<Flow, Judgement> judgements;
    private final String model;
    private final StringBuilder line = new StringBuilder(512);
    private IntFunction<String> inputNames = i -> "";
    private long rows;

    /** Flow records without verdicts (extract). */
    public EveFlowWriter(OutputStream out) {
        this(out, null, null);
    }

    /** Flow records with each flow's verdict (classify); {@code model} names the model. */
    public EveFlowWriter(OutputStream out, Function<Flow, Judgement> judgements, String model) {
        this.out = out;
        this.judgements = judgements;
        this.model = model;
    }

    /** Names the {@code input_file} member: the input a flow's first packet came from. */
    public EveFlowWriter readingFrom(PacketSource source) {
        this.inputNames = source::inputName;
        return this;
    }

    @Override
    public void write(Flow flow) throws IOException {
        render(flow);
        line.append('\n');
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        rows++;
    }

    /** The flow's object as one line of JSON, without the line end. */
    public String json(Flow flow) {
        render(flow);
        return line.toString();
    }

    private void render(Flow flow) {
        line.setLength(0);
        String src = IpAddresses.formatAddress(flow.ipVersion, flow.srcHi, flow.srcLo);
        String dst = IpAddresses.formatAddress(flow.ipVersion, flow.dstHi, flow.dstLo);
        line.append('{');
        text("timestamp", Timestamps.eve(flow.firstNanos()));
        number("flow_id", FlowUid.of(flow));
        text("event_type", "flow");
        text("src_ip", src);
        boolean icmp = flow.protocol == DecodedPacket.ICMP || flow.protocol == DecodedPacket.ICMPV6;
        if (!icmp) {
            number("src_port", flow.srcPort);
        }
        text("dest_ip", dst);
        if (!icmp) {
            number("dest_port", flow.dstPort);
        }
        text("proto", protocolName(flow.protocol));
        if (flow.vlan != 0) { // as Suricata: the outer tag first
            key("vlan");
            line.append('[').append(VlanIds.outer(flow.vlan));
            if (VlanIds.inner(flow.vlan) != 0) {
                line.append(',').append(VlanIds.inner(flow.vlan));
            }
            line.append(']');
        }
        if (icmp) {
            int[] typeCode = CommunityId.icmpTypeAndCode(flow);
            number("icmp_type", typeCode[0]);
            number("icmp_code", typeCode[1]);
        }
        String communityId = COMMUNITY_ID.of(flow);
        if (!communityId.isEmpty()) {
            text("community_id", communityId);
        }
        Judgement j = judgements == null ? null : judgements.apply(flow);
        flowObject(flow, j);
        flowmeterObject(flow, j);
        line.append('}');
    }

    private void flowObject(Flow flow, Judgement j) {
        key("flow");
        line.append('{');
        number("pkts_toserver", flow.forwardPackets());
        number("pkts_toclient", flow.packets() - flow.forwardPackets());
        number("bytes_toserver", flow.forwardBytes());
        number("bytes_toclient", flow.bytes() - flow.forwardBytes());
        text("start", Timestamps.eve(flow.firstNanos()));
        text("end", Timestamps.eve(flow.lastNanos()));
        number("age", Math.floorDiv(flow.lastNanos(), 1_000_000_000L) - Math.floorDiv(flow.firstNanos(), 1_000_000_000L));
        text("state", state(flow));
        text("reason", reason(flow.endReason()));
        if (j != null) {
            key("alerted");
            line.append(j.malicious());
        }
        line.append('}');
    }

    private void flowmeterObject(Flow flow, Judgement j) {
        key("flowmeter");
        line.append('{');
        if (j != null) {
            key("score");
            if (Double.isFinite(j.score())) {
                line.append(j.score());
            } else {
                line.append("null");
            }
            text("verdict", j.malicious() ? "malicious" : "benign");
            if (j.decidedBy() != null) {
                text("decided_by", j.decidedBy());
            }
            number("decided_at_packet", j.decidedAtPacket());
            if (j.phase() != null) {
                text("phase", j.phase());
            }
            if (model != null) {
                text("model", model);
            }
        }
        text("end_reason", flow.endReason() == null ? "" : flow.endReason().label());
        text("input_file", inputNames.apply(flow.inputIndex));
        line.append('}');
    }

    /**
     * Suricata's flow states: {@code closed} for a TCP connection ended by FIN or RST,
     * {@code established} once both sides sent, else {@code new}.
     */
    static String state(Flow flow) {
        EndReason r = flow.endReason();
        if (flow.protocol == DecodedPacket.TCP && (r == EndReason.FIN || r == EndReason.RST)) {
            return "closed";
        }
        return flow.forwardPackets() < flow.packets() ? "established" : "new";
    }

    /** Suricata's reasons: a flow ended by the table is a timeout, by the cap forced, by the end of input shutdown. */
    static String reason(EndReason r) {
        if (r == null || r == EndReason.END_OF_INPUT) {
            return "shutdown";
        }
        return r == EndReason.EVICTED ? "forced" : "timeout";
    }

    /** Suricata's protocol names. */
    static String protocolName(int protocol) {
        return protocol == DecodedPacket.ICMPV6 ? "IPv6-ICMP" : FlowColumns.protocolName(protocol);
    }

    private void key(String name) {
        if (line.charAt(line.length() - 1) != '{') {
            line.append(',');
        }
        line.append('"').append(name).append("\":");
    }

    private void text(String name, String value) {
        key(name);
        JsonLinesFlowWriter.appendString(line, value);
    }

    private void number(String name, long value) {
        key(name);
        line.append(value);
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
