package org.flowmeter.engine;

import java.util.List;
import java.util.function.Consumer;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.detect.Detectors;
import org.flowmeter.detect.PatternHold;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowListener;
import org.flowmeter.flow.MemoryBudget;
import org.flowmeter.model.FlowModel;

/**
 * The classifier every front end runs: listens to a flow meter, scores each flow by the
 * {@link VerdictPolicy} (early and final verdicts), runs the cross-flow detectors beside the
 * model and hands out {@link FlowVerdict}s. Classify and the triage report hold ended flows back
 * for the detectors' longest window ({@link #holding}); live capture passes them on at once
 * ({@link #streaming}); evaluation runs the detectors alone over labelled captures
 * ({@link #detectorsOnly}), held as classify holds them.
 */
public final class FlowClassifier implements FlowListener {
    private final FlowDecider decider;
    private final PatternHold hold;
    /** Where the meter's events go: the decider, or the thread that runs it. */
    private FlowListener front;
    private DecisionThread thread;
    /** The meter's memory budget, once a meter gave it: the hold is sized by it. */
    private MemoryBudget budget;

    private FlowClassifier(FlowScorer scorer, VerdictPolicy policy, Detectors detectors, DetectorSettings holdFor,
                           FlowListener downstream) {
        this.hold = holdFor == null ? null : holdFor.hold(downstream, detectors);
        this.decider = new FlowDecider(scorer, policy, hold != null ? hold : downstream, detectors, hold != null);
        this.front = decider;
    }

    /**
     * From now on scoring, the detectors and everything downstream run on a thread of their
     * own, and the meter's thread only counts packets for the detectors and copies features at
     * the early scoring point. {@link #flush()} waits for that thread. Call before the first packet.
     */
    public void decideOnOwnThread() {
        if (thread == null) {
            thread = new DecisionThread(decider);
            front = thread;
        }
    }

    /**
     * Ended flows drop their feature state once their final verdict is made and the detectors
     * counted them: for rows that show no features. Call before the first packet.
     */
    public void releaseFeatureStateOnceDecided() {
        decider.releaseFeatureStateOnceDecided();
        if (hold != null) {
            hold.keepIn(new PackedHeldFlows()); // decided flows are small: held in arrays, not as objects
        }
        limitHold();
    }

    /**
     * The detectors' tables at their worst case and, with a decision thread, its queue of ended
     * flows: counted in the meter's memory cap.
     */
    @Override
    public long sharedStateBytes(long bytesPerFlow) {
        return decider.detectors().worstCaseBytes() + (thread != null ? DecisionThread.worstCaseBytes(bytesPerFlow, decider.snapshotBytes()) : 0);
    }

    /** The hold keeps as many ended flows as the meter's budget allows it ({@link MemoryBudget#heldFlows}). */
    @Override
    public void budgeted(MemoryBudget budget) {
        this.budget = budget;
        limitHold();
    }

    private void limitHold() {
        if (hold != null && budget != null && holdsForDetectors()) {
            hold.limitHeld(decider.releasesFeatureState() ? budget.heldFlowsOf(PackedHeldFlows.BYTES_PER_FLOW)
                    : budget.heldFlows(false));
        }
    }

    /** Whether ended flows are held for the detectors' window (some detector runs and flows are held). */
    public boolean holdsForDetectors() {
        return hold != null && !decider.detectors().isEmpty();
    }

    /**
     * Flows that left the detectors' hold before the detectors' window had passed since they
     * started, for lack of room under the memory cap: a pattern found after that did not reach them.
     */
    public long releasedFromHoldEarly() {
        return hold == null ? 0 : hold.releasedEarly();
    }

    /** The most ended flows the hold keeps (0 without a hold). */
    public int heldAtMost() {
        return hold == null ? 0 : hold.maxHeld();
    }

    /**
     * Ended flows reach {@code downstream} after the detectors' longest window (or at
     * {@link #flush()}); {@code downstream} reads their final verdict with {@link #verdict}.
     */
    public static FlowClassifier holding(FlowModel model, List<FeatureSet> sets, VerdictPolicy policy,
                                         DetectorSettings detectors, FlowListener downstream) {
        return new FlowClassifier(new FlowScorer(model, sets), policy, detectors.create(), detectors, downstream);
    }

    /** As {@link #holding}, handing out each held flow's final verdict. */
    public static FlowClassifier holdingVerdicts(FlowModel model, List<FeatureSet> sets, VerdictPolicy policy,
                                                 DetectorSettings detectors, Consumer<FlowVerdict> decided) {
        FlowClassifier[] self = new FlowClassifier[1];
        self[0] = holding(model, sets, policy, detectors, flow -> decided.accept(self[0].verdict(flow)));
        return self[0];
    }

    /** Every flow reaches {@code downstream} as soon as it ended and was decided (live capture). */
    public static FlowClassifier streaming(FlowModel model, List<FeatureSet> sets, VerdictPolicy policy,
                                           DetectorSettings detectors, FlowListener downstream) {
        return new FlowClassifier(new FlowScorer(model, sets), policy, detectors.create(), null, downstream);
    }

    /**
     * No model: the detectors alone, ended flows held as {@link #holding} holds them; {@code downstream}
     * asks {@link #coveredBy} which pattern a flow lies in.
     */
    public static FlowClassifier detectorsOnly(DetectorSettings detectors, FlowListener downstream) {
        return new FlowClassifier(null, VerdictPolicy.defaults(), detectors.create(), detectors, downstream);
    }

    @Override
    public void onPacket(Flow flow, DecodedPacket packet, boolean forward) {
        front.onPacket(flow, packet, forward);
    }

    @Override
    public void onFlowEnd(Flow flow) {
        front.onFlowEnd(flow);
    }

    /**
     * The ended flow's final verdict: a benign one becomes malicious when a pattern covers the
     * flow now that it left the hold. The flow's detector counts are dropped (its row is being written).
     */
    public FlowVerdict verdict(Flow flow) {
        decider.applyPatterns(flow);
        FlowState s = FlowState.SLOT.get(flow);
        if (s != null) {
            s.facts = null;
        }
        return FlowVerdict.of(flow);
    }

    /** Which detector's pattern covers a flow (of a second pass over the input, say), or null. */
    public String coveredBy(Flow flow) {
        return decider.coveredBy(flow);
    }

    /**
     * Passes on every flow still held (after the meter's last flow ended), once the decision
     * thread, if any, has decided every flow.
     */
    public void flush() {
        if (thread != null) {
            thread.finish();
        }
        if (hold != null) {
            hold.flush();
        }
    }
}
