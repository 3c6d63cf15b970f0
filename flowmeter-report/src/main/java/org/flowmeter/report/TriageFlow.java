package org.flowmeter.report;

import org.flowmeter.decode.IpAddresses;
import org.flowmeter.flow.Flow;
import org.flowmeter.output.FlowColumns;

/**
 * One classified flow as the triage report shows it: who talked to whom, when, how much, and
 * what the classifier made of it.
 *
 * @param decidedBy what made the verdict (the model or a detector's name); null or blank reads as "model"
 */
public record TriageFlow(String src, int srcPort, String dst, int dstPort, String protocol,
        long startNanos, long endNanos, long packets, long bytes,
        double score, boolean flagged, String decidedBy) {

    public static final String MODEL = "model";

    public static TriageFlow of(Flow flow, double score, boolean flagged, String decidedBy) {
        return new TriageFlow(IpAddresses.formatAddress(flow.ipVersion, flow.srcHi, flow.srcLo), flow.srcPort,
                IpAddresses.formatAddress(flow.ipVersion, flow.dstHi, flow.dstLo), flow.dstPort,
                FlowColumns.protocolName(flow.protocol), flow.firstNanos(), flow.lastNanos(),
                flow.packets(), flow.bytes(), score, flagged, decidedBy);
    }

    public String decider() {
        return decidedBy == null || decidedBy.isBlank() ? MODEL : decidedBy;
    }

    /** The service a flow asked for: protocol and the port it went to ("TCP/22"); no port for ICMP and the like. */
    public String service() {
        return "TCP".equals(protocol) || "UDP".equals(protocol) ? protocol + "/" + dstPort : protocol;
    }
}
