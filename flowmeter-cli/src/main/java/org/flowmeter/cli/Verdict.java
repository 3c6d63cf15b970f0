package org.flowmeter.cli;

/** A flow's classification, attached to the flow while it is open. */
final class Verdict {
    /** Score when the flow reached the early-decision packet count; NaN if it ended before. */
    double earlyScore = Double.NaN;
    double score = Double.NaN;
    boolean malicious;
    /** Packet count of the flow when the verdict in force was made. */
    long decidedAtPacket;

    /** What made the verdict: "model", or the name of the cross-flow detector that flagged the flow. */
    String decidedBy = MODEL;
    /** Per-flow counts for the cross-flow detectors; null when none runs. */
    org.flowmeter.detect.FlowFacts facts;

    static final String MODEL = "model";
}
