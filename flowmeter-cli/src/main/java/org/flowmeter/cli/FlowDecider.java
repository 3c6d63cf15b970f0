package org.flowmeter.cli;

import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowListener;

/**
 * Scores each flow when it reaches the early packet count and again when it ends, and keeps the
 * verdict in the flow's attachment. With a fixed decision point the early verdict is final.
 */
final class FlowDecider implements FlowListener {
    private final FlowScorer scorer;
    private final int scoreAt;
    private final boolean fixedAtScorePoint;
    private final FlowListener downstream;

    FlowDecider(FlowScorer scorer, int scoreAt, boolean fixedAtScorePoint, FlowListener downstream) {
        this.scorer = scorer;
        this.scoreAt = scoreAt;
        this.fixedAtScorePoint = fixedAtScorePoint;
        this.downstream = downstream;
    }

    @Override
    public void onPacket(Flow flow, DecodedPacket packet, boolean forward) {
        if (flow.packets() == scoreAt) {
            Verdict v = verdictOf(flow);
            v.earlyScore = scorer.score(flow);
            v.score = v.earlyScore;
            v.malicious = scorer.isMalicious(v.earlyScore);
            v.decidedAtPacket = scoreAt;
        }
    }

    @Override
    public void onFlowEnd(Flow flow) {
        Verdict v = verdictOf(flow);
        boolean decided = fixedAtScorePoint && !Double.isNaN(v.earlyScore);
        if (!decided) {
            v.score = scorer.score(flow);
            v.malicious = scorer.isMalicious(v.score);
            v.decidedAtPacket = flow.packets();
        }
        downstream.onFlowEnd(flow);
    }

    private static Verdict verdictOf(Flow flow) {
        if (flow.attachment == null) {
            flow.attachment = new Verdict();
        }
        return (Verdict) flow.attachment;
    }
}

