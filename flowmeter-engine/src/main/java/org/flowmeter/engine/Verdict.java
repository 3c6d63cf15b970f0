package org.flowmeter.engine;

/** A flow's classification while it is open, in its {@link FlowState}; read out as a {@link FlowVerdict}. */
final class Verdict {
    /** Score when the flow reached the early-decision packet count; NaN if it ended before. */
    double earlyScore = Double.NaN;
    double score = Double.NaN;
    boolean malicious;
    /** Packet count of the flow when the verdict in force was made. */
    long decidedAtPacket;
    /** Whether the flow has ended and this is its final verdict (until then, the early one). */
    boolean atFlowEnd;

    /** What made the verdict: "model", or the name of the cross-flow detector that flagged the flow. */
    String decidedBy = FlowVerdict.MODEL;
}
