package org.flowmeter.engine;

import org.flowmeter.flow.Flow;

/**
 * A flow's classification as the classifier hands it out.
 *
 * @param earlyScore      score when the flow reached the early-decision packet count; NaN if it ended before
 * @param score           score of the verdict in force
 * @param decidedAtPacket the flow's packet count when that verdict was made
 * @param decidedBy       {@link #MODEL}, or the name of the cross-flow detector whose pattern covers the flow
 */
public record FlowVerdict(Flow flow, double earlyScore, double score, boolean malicious, long decidedAtPacket,
                          String decidedBy) {
    public static final String MODEL = "model";

    /** The verdict the flow carries now, or null before it was scored. */
    public static FlowVerdict of(Flow flow) {
        Verdict v = FlowState.verdictOf(flow);
        return v == null ? null : new FlowVerdict(flow, v.earlyScore, v.score, v.malicious, v.decidedAtPacket, v.decidedBy);
    }

    /** Whether the flow has a malicious verdict now (early or final): no allocation, for the packet path. */
    public static boolean isMalicious(Flow flow) {
        Verdict v = FlowState.verdictOf(flow);
        return v != null && v.malicious;
    }

    /** Whether the flow's verdict is its final one, made when it ended (before that, the early one). */
    public static boolean isFinal(Flow flow) {
        Verdict v = FlowState.verdictOf(flow);
        return v != null && v.atFlowEnd;
    }
}
