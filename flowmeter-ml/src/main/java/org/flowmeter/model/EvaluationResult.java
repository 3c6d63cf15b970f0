package org.flowmeter.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How a model performs on labelled flows at one threshold; "positive" means malicious and
 * "forwarded" means flagged as malicious (score at or above the threshold).
 *
 * <p>The packet and byte shares are null unless per-flow packet and byte counts were supplied:
 * {@code forwarded_*_share} is the share of all packets (bytes) that belong to forwarded flows,
 * {@code malicious_*_share} the share of all packets (bytes) that belong to truly malicious flows:
 * what a perfect filter would forward, the floor to compare the forwarded share with.
 */
@JsonPropertyOrder({"flows", "tp", "fp", "tn", "fn", "accuracy", "precision", "recall", "fpr", "f1",
        "roc_auc", "pr_auc", "forwarded_flow_share", "malicious_in_forwarded", "forwarded_packet_share",
        "forwarded_byte_share", "malicious_packet_share", "malicious_byte_share"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationResult(
        @JsonProperty("flows") long flows,
        @JsonProperty("tp") long tp,
        @JsonProperty("fp") long fp,
        @JsonProperty("tn") long tn,
        @JsonProperty("fn") long fn,
        @JsonProperty("accuracy") double accuracy,
        @JsonProperty("precision") double precision,
        @JsonProperty("recall") double recall,
        @JsonProperty("fpr") double fpr,
        @JsonProperty("f1") double f1,
        @JsonProperty("roc_auc") double rocAuc,
        @JsonProperty("pr_auc") double prAuc,
        @JsonProperty("forwarded_flow_share") double forwardedFlowShare,
        @JsonProperty("malicious_in_forwarded") double maliciousInForwarded,
        @JsonProperty("forwarded_packet_share") Double forwardedPacketShare,
        @JsonProperty("forwarded_byte_share") Double forwardedByteShare,
        @JsonProperty("malicious_packet_share") Double maliciousPacketShare,
        @JsonProperty("malicious_byte_share") Double maliciousByteShare) {}
