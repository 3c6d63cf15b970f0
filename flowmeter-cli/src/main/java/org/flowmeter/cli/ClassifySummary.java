package org.flowmeter.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a classify run did, as {@code --summary-json} writes it (docs/classify.md). The counts of
 * the second pass are null, and left out, when it did not run: {@code flowsForwardedAfterTheirRow}
 * without {@code --forward} or {@code --packet-verdicts}, the forwarded packets and bytes without
 * {@code --forward}.
 *
 * @param complete whether every packet of every input was read and, with --forward, every flagged packet written
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"model", "packets", "bytes", "flows", "flows_forwarded", "forwarded_flow_share", "decided_by",
    "flows_forwarded_after_their_row", "packets_forwarded", "bytes_forwarded", "forwarded_packet_share",
    "forwarded_byte_share", "packets_not_forwarded_other_link_type", "interrupted", "damaged_inputs", "complete",
    "inputs_without_flows"})
record ClassifySummary(
        @JsonProperty("model") String model,
        @JsonProperty("packets") long packets,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("flows") long flows,
        @JsonProperty("flows_forwarded") long flowsForwarded,
        @JsonProperty("forwarded_flow_share") double forwardedFlowShare,
        @JsonProperty("decided_by") Map<String, Long> decidedBy,
        @JsonProperty("flows_forwarded_after_their_row") Long flowsForwardedAfterTheirRow,
        @JsonProperty("packets_forwarded") Long packetsForwarded,
        @JsonProperty("bytes_forwarded") Long bytesForwarded,
        @JsonProperty("forwarded_packet_share") Double forwardedPacketShare,
        @JsonProperty("forwarded_byte_share") Double forwardedByteShare,
        @JsonProperty("packets_not_forwarded_other_link_type") Long packetsNotForwardedOtherLinkType,
        @JsonProperty("interrupted") boolean interrupted,
        @JsonProperty("damaged_inputs") List<String> damagedInputs,
        @JsonProperty("complete") boolean complete,
        @JsonProperty("inputs_without_flows") List<Map<String, String>> inputsWithoutFlows) {

    /** What the second pass forwarded; null when there was no {@code --forward}. */
    record Forwarded(long packets, long bytes, long refusedLinkType) {
    }

    /**
     * @param afterTheirRow flows forwarded though their row was written benign; null without a second pass
     * @param forwarded     null without {@code --forward}
     */
    static ClassifySummary of(String model, long packets, long bytes, long flows, long flowsForwarded,
                              Map<String, Long> decidedBy, Long afterTheirRow, Forwarded forwarded, boolean interrupted,
                              List<String> damaged, List<Map<String, String>> withoutFlows) {
        return new ClassifySummary(model, packets, bytes, flows, flowsForwarded, share(flowsForwarded, flows), decidedBy,
                afterTheirRow,
                forwarded == null ? null : forwarded.packets(),
                forwarded == null ? null : forwarded.bytes(),
                forwarded == null ? null : share(forwarded.packets(), packets),
                forwarded == null ? null : share(forwarded.bytes(), bytes),
                forwarded == null ? null : forwarded.refusedLinkType(),
                interrupted, damaged, !interrupted && damaged.isEmpty(), withoutFlows);
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }

    /** The line printed at the end of a run. */
    String line() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%d of %d flows malicious (%.2f %%)",
                flowsForwarded, flows, 100 * forwardedFlowShare));
        if (packetsForwarded != null) {
            b.append(String.format(Locale.ROOT, "; forwarded %d of %d packets (%.2f %%), %d of %d bytes (%.2f %%)",
                    packetsForwarded, packets, 100 * forwardedPacketShare, bytesForwarded, bytes, 100 * forwardedByteShare));
        }
        return b.toString();
    }
}
