package org.flowmeter.cli;

/** A flow's classification, attached to the flow while it is open. */
final class Verdict {
    /** Score when the flow reached the early-decision packet count; NaN if it ended before. */
    double earlyScore = Double.NaN;
    double score = Double.NaN;
    boolean malicious;
    /** Packet count of the flow when the verdict in force was made. */
    long decidedAtPacket;
}
