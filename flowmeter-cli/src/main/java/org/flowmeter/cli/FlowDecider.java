package org.flowmeter.cli;

import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.detect.Detectors;
import org.flowmeter.detect.FlowFacts;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowListener;

/**
 * Scores each flow when it reaches the early packet count and again when it ends, and keeps the
 * verdict in the flow's attachment. With a fixed decision point the early verdict is final.
 * When a flow ends the cross-flow detectors count it, and a flow the model finds benign is
 * malicious when it lies in a pattern a detector found (its verdict then names the detector).
 */
final class FlowDecider implements FlowListener {
    private final FlowScorer scorer;
    private final int scoreAt;
    private final boolean fixedAtScorePoint;
    private final FlowListener downstream;
    private final Detectors detectors;

    FlowDecider(FlowScorer scorer, int scoreAt, boolean fixedAtScorePoint, FlowListener downstream) {
        this(scorer, scoreAt, fixedAtScorePoint, downstream, Detectors.none());
    }

    FlowDecider(FlowScorer scorer, int scoreAt, boolean fixedAtScorePoint, FlowListener downstream, Detectors detectors) {
        this.scorer = scorer;
        this.scoreAt = scoreAt;
        this.fixedAtScorePoint = fixedAtScorePoint;
        this.downstream = downstream;
        this.detectors = detectors;
    }

    @Override
    public void onPacket(Flow flow, DecodedPacket packet, boolean forward) {
        if (!detectors.isEmpty()) {
            factsOf(flow).add(packet, forward);
        }
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
        if (!detectors.isEmpty() && v.facts != null) {
            detectors.observe(flow, v.facts);
            recheck(flow);
        }
        downstream.onFlowEnd(flow);
    }

    /**
     * Marks a benign-judged ended flow malicious when a detector's pattern now covers it: a
     * pattern found after the flow ended still reaches it while its row waits to be written. A
     * pattern can also be withdrawn by later flows (a sweep found to be a peer-to-peer search):
     * a flow flagged only by a detector gets the model's verdict back when nothing covers it.
     */
    Flow recheck(Flow flow) {
        Verdict v = (Verdict) flow.attachment;
        boolean byDetector = !Verdict.MODEL.equals(v.decidedBy);
        if ((!v.malicious || byDetector) && !detectors.isEmpty()) {
            String by = detectors.coveredBy(flow);
            if (by != null) {
                v.malicious = true;
                v.decidedBy = by;
            } else if (byDetector) {
                v.malicious = false;
                v.decidedBy = Verdict.MODEL;
            }
        }
        return flow;
    }

    /** Which detector's pattern covers a flow (of a second pass over the input), or null. */
    String coveredBy(Flow flow) {
        return detectors.isEmpty() ? null : detectors.coveredBy(flow);
    }

    /**
     * The flow's detector counts. Until the flow is first scored they are its attachment by
     * themselves, so that a flow carries a {@link Verdict} only once it has one (live reads that).
     */
    private static FlowFacts factsOf(Flow flow) {
        if (flow.attachment instanceof Verdict v) {
            if (v.facts == null) {
                v.facts = new FlowFacts();
            }
            return v.facts;
        }
        if (flow.attachment == null) {
            flow.attachment = new FlowFacts();
        }
        return (FlowFacts) flow.attachment;
    }

    private static Verdict verdictOf(Flow flow) {
        if (flow.attachment instanceof Verdict v) {
            return v;
        }
        Verdict v = new Verdict();
        if (flow.attachment instanceof FlowFacts facts) {
            v.facts = facts;
        }
        flow.attachment = v;
        return v;
    }
}

