package org.flowmeter.engine;

import java.util.List;
import java.util.function.Consumer;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.MemoryBudget;
import org.flowmeter.flow.StartOrder;
import org.flowmeter.model.FlowModel;

/**
 * Classify's wiring, the same for the command line and Spark: packets to flows
 * ({@link FlowEngine}), flows to verdicts ({@link FlowClassifier}, ended flows held for the
 * detectors), then every flow with its final verdict in the order the flows started. With two
 * threads the split is reading, decoding and metering on one, scoring to writing on the other. The verdict
 * is read as the flow leaves that order, so a pattern found while it waited still reaches it.
 */
public final class CaptureClassifier {
    private final FlowEngine engine;
    private final FlowClassifier classifier;
    private final StartOrder order;

    /** How the work is shared out over threads. */
    public enum Threads {
        /** Everything on the calling thread. */
        ONE,
        /** Reading and decoding on a second thread, metering to writing on the calling one (as extract). */
        AFTER_DECODING,
        /** Reading, decoding and metering on the calling thread, scoring to writing on a second one. */
        AFTER_METERING,
        /** Reading and decoding on a second thread, metering on the calling one, scoring to writing on a third. */
        AFTER_DECODING_AND_METERING
    }

    /**
     * @param decided every flow, with its final verdict, in start order
     * @throws OptionException when the detector settings are out of range
     */
    public CaptureClassifier(FlowConfig config, boolean ignoreVlan, List<FeatureSet> sets, FlowModel model,
                             VerdictPolicy policy, DetectorSettings detectors, Threads threads,
                             Consumer<FlowVerdict> decided) {
        FlowClassifier[] self = new FlowClassifier[1];
        this.order = new StartOrder(flow -> decided.accept(self[0].verdict(flow)), StartOrder.DEFAULT_MAX_WAITING);
        this.classifier = FlowClassifier.holding(model, sets, policy, detectors, order);
        self[0] = classifier;
        if (threads == Threads.AFTER_METERING || threads == Threads.AFTER_DECODING_AND_METERING) {
            // Before the meter is made: its memory budget counts the thread's queue.
            classifier.decideOnOwnThread();
        }
        try {
            this.engine = new FlowEngine(config, ignoreVlan, sets, classifier, null);
        } catch (MemoryBudget.TooSmall e) {
            // the sets fit (FlowSettings.checkMemoryCap), the detectors' tables and queue beside them do not
            throw OptionException.of("--memory-cap", e);
        }
        order.limitWaiting(waitingAllowed(false));
        engine.pipeline().setParallel(threads == Threads.AFTER_DECODING || threads == Threads.AFTER_DECODING_AND_METERING);
    }

    /** Flows that may wait for start order: beside the detectors' hold when one runs, else the budget's whole share. */
    private int waitingAllowed(boolean released) {
        MemoryBudget budget = engine.meter().memoryBudget();
        if (classifier.holdsForDetectors()) {
            return budget.waitingBesideHold(released);
        }
        return released ? budget.waitingFlowsWithoutFeatureState() : budget.waitingFlows();
    }

    /**
     * Rows will show no features: ended flows drop their feature state once decided, so that flows
     * held for the detectors and waiting for start order cost little. Call before the first packet.
     */
    public CaptureClassifier releasingFeatureState() {
        classifier.releaseFeatureStateOnceDecided();
        // Waiting flows are small now: as many may wait as the budget allows at their size.
        order.limitWaiting(waitingAllowed(true));
        return this;
    }

    public FlowEngine engine() {
        return engine;
    }

    public FlowClassifier classifier() {
        return classifier;
    }

    /**
     * Hands over every flow still held or waiting (after the meter's last flow ended); with two
     * threads, once the second has decided every flow.
     */
    public void flush() {
        classifier.flush();
        order.flush();
    }
}
