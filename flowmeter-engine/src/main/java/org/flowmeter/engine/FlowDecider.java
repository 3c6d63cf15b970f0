package org.flowmeter.engine;

import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.detect.Detectors;
import org.flowmeter.detect.FlowFacts;
import org.flowmeter.flow.EndReason;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowListener;

/**
 * Scores each flow when it reaches the early packet count and again when it ends, and keeps the
 * verdict in the flow's {@link FlowState}. With a fixed decision point the early verdict is final.
 * When a flow ends the cross-flow detectors count it, and a flow the model finds benign is
 * malicious when it lies in a pattern a detector found (its verdict then names the detector).
 * Which patterns cover a flow is asked once, when its verdict becomes final
 * ({@link #applyPatterns}): at its end when flows are passed on at once, else when it leaves the
 * detectors' hold. Without a scorer only the detectors run (flows get no verdict).
 */
final class FlowDecider implements FlowListener {
    private final FlowScorer scorer;
    private final int scoreAt;
    private final boolean fixedAtScorePoint;
    private final FlowListener downstream;
    private final Detectors detectors;
    /** Whether ended flows are held for the detectors' window, and patterns applied when they leave it. */
    private final boolean held;
    /** Whether decided flows drop their feature state (their rows show no features). */
    private boolean releaseFeatureState;

    /**
     * @param scorer null: the detectors alone
     * @param held   whether {@code downstream} holds ended flows for the detectors' window and
     *               asks {@link #applyPatterns} as each leaves (else it is asked as each flow ends)
     */
    FlowDecider(FlowScorer scorer, VerdictPolicy policy, FlowListener downstream, Detectors detectors, boolean held) {
        this.scorer = scorer;
        this.scoreAt = policy.scoreAt();
        this.fixedAtScorePoint = policy.fixedAtScorePoint();
        this.downstream = downstream;
        this.detectors = detectors;
        this.held = held;
    }

    @Override
    public void onPacket(Flow flow, DecodedPacket packet, boolean forward) {
        countForDetectors(flow, packet, forward);
        if (scoresEarly(flow)) {
            scoreEarly(flow, scorer.score(flow));
        }
    }

    @Override
    public void onFlowEnd(Flow flow) {
        FlowState s = FlowState.of(flow);
        if (scorer != null) {
            Verdict v = verdictOf(s);
            boolean decided = fixedAtScorePoint && !Double.isNaN(v.earlyScore);
            if (!decided) {
                v.score = scorer.score(flow);
                v.malicious = scorer.isMalicious(v.score);
                v.decidedAtPacket = flow.packets();
            }
            v.atFlowEnd = true;
        }
        if (!detectors.isEmpty() && s.facts != null) {
            detectors.observe(flow, s.facts);
            if (!held) {
                applyPatterns(flow);
            }
        }
        if (releaseFeatureState && flow.endReason() != EndReason.ACTIVE) {
            // Scored and counted: nothing reads its features again, so held and waiting flows stay
            // small. A flow cut by the active timeout keeps them: the meter continues its next
            // segment from them.
            flow.releaseFeatureState();
            s.facts = null; // the detectors counted them above
        }
        downstream.onFlowEnd(flow);
    }

    Detectors detectors() {
        return detectors;
    }

    boolean releasesFeatureState() {
        return releaseFeatureState;
    }

    /** From now on an ended flow drops its feature state once decided (see {@link Flow#releaseFeatureState()}). */
    void releaseFeatureStateOnceDecided() {
        releaseFeatureState = true;
    }

    /** The per-packet part that must see the packet: the detectors' counts. */
    void countForDetectors(Flow flow, DecodedPacket packet, boolean forward) {
        if (!detectors.isEmpty()) {
            FlowState s = FlowState.of(flow);
            if (s.facts == null) {
                s.facts = new FlowFacts();
            }
            s.facts.add(packet, forward);
        }
    }

    /** Whether the packet just counted brings the flow to the early scoring point. */
    boolean scoresEarly(Flow flow) {
        return scorer != null && flow.packets() == scoreAt;
    }

    /** The flow's features now, for {@link #scoreEarly(Flow, double[])} on another thread. */
    double[] snapshot(Flow flow) {
        return scorer.snapshot(flow);
    }

    /** What one snapshot's array takes on the heap (none without a scorer). */
    long snapshotBytes() {
        return scorer == null ? 0 : (16 + 8L * scorer.snapshotLength() + 7) & ~7L;
    }

    /** As {@link #snapshot(Flow)}, into an earlier snapshot's array that was scored already. */
    double[] snapshot(Flow flow, double[] reuse) {
        return scorer.snapshot(flow, reuse);
    }

    /** The early verdict from features taken at the scoring point. */
    void scoreEarly(Flow flow, double[] features) {
        scoreEarly(flow, scorer.score(features));
    }

    private void scoreEarly(Flow flow, double score) {
        Verdict v = verdictOf(FlowState.of(flow));
        v.earlyScore = score;
        v.score = score;
        v.malicious = scorer.isMalicious(score);
        v.decidedAtPacket = scoreAt;
    }

    /**
     * Makes a flow the model judged benign malicious when a detector's pattern covers it. Asked
     * once per flow, as its verdict becomes final: a held flow leaves the hold when the
     * detectors' longest window has passed since it started, so a pattern that later flows
     * complete still reaches it, and a pattern that later flows withdraw (a sweep that its
     * answering peers show to be a peer-to-peer search) never flagged it. A flow is never
     * flagged and then cleared.
     */
    void applyPatterns(Flow flow) {
        Verdict v = FlowState.verdictOf(flow);
        if (v == null || v.malicious || detectors.isEmpty()) {
            return;
        }
        String by = detectors.coveredBy(flow);
        if (by != null) {
            v.malicious = true;
            v.decidedBy = by;
        }
    }

    /** Which detector's pattern covers a flow, or null. */
    String coveredBy(Flow flow) {
        return detectors.isEmpty() ? null : detectors.coveredBy(flow);
    }

    private static Verdict verdictOf(FlowState s) {
        if (s.verdict == null) {
            s.verdict = new Verdict();
        }
        return s.verdict;
    }
}
