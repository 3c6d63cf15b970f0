package org.flowmeter.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Consumer;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.engine.DetectorSettings;
import org.flowmeter.engine.FlowClassifier;
import org.flowmeter.engine.FlowVerdict;
import org.flowmeter.engine.VerdictPolicy;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowListener;
import org.flowmeter.live.LiveMetrics;
import org.flowmeter.model.FlowModel;
import org.flowmeter.output.FlowWriter;

/**
 * Decides flows as they go (the engine's {@link FlowClassifier}) and streams verdict rows: an early row when
 * the early verdict is malicious, a final row when the flow ends. Every row is flushed at once,
 * because a consumer reads them live.
 */
final class LiveVerdicts implements FlowListener {
    private final FlowClassifier decider;
    private final int earlyAfter;
    private final FlowWriter rows;
    private final OutputStream out;
    private final Consumer<Flow> afterFinalVerdict;
    private final LiveMetrics metrics;
    private long scoringStarted;
    private long earlyMalicious;
    private long finalVerdicts;
    private long finalMalicious;

    /**
     * With cross-flow detectors, a flow's final row names the detector whose pattern it is in.
     *
     * @param afterFinalVerdict told of every flow once its final row is written
     */
    LiveVerdicts(FlowModel model, List<FeatureSet> sets, int earlyAfter, FlowWriter rows,
                 OutputStream out, Consumer<Flow> afterFinalVerdict, LiveMetrics metrics, DetectorSettings detectors) {
        this.metrics = metrics;
        this.decider = FlowClassifier.streaming(model, sets, new VerdictPolicy(earlyAfter, false), detectors,
                this::onDecided);
        this.afterFinalVerdict = afterFinalVerdict;
        this.earlyAfter = earlyAfter;
        this.rows = rows;
        this.out = out;
    }

    @Override
    public void onPacket(Flow flow, DecodedPacket packet, boolean forward) {
        if (flow.packets() != earlyAfter) {
            decider.onPacket(flow, packet, forward);
            return;
        }
        long started = System.nanoTime();
        decider.onPacket(flow, packet, forward);
        metrics.scored(System.nanoTime() - started);
        if (isMalicious(flow)) {
            earlyMalicious++;
            metrics.earlyMalicious();
            write(flow);
        }
    }

    @Override
    public void onFlowEnd(Flow flow) {
        scoringStarted = System.nanoTime();
        decider.onFlowEnd(flow);
    }

    /** Called by the decider once it scored the ended flow. */
    private void onDecided(Flow flow) {
        metrics.scored(System.nanoTime() - scoringStarted);
        finalVerdicts++;
        if (isMalicious(flow)) {
            finalMalicious++;
        }
        metrics.finalVerdict(isMalicious(flow));
        write(flow);
        afterFinalVerdict.accept(flow);
    }

    /** Writes the flow's row; its phase is that of the verdict the flow carries now. */
    private void write(Flow flow) {
        try {
            rows.write(flow);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the flow has a malicious verdict (early or final). */
    static boolean isMalicious(Flow flow) {
        return FlowVerdict.isMalicious(flow);
    }

    long earlyMalicious() {
        return earlyMalicious;
    }

    long finalVerdicts() {
        return finalVerdicts;
    }

    long finalMalicious() {
        return finalMalicious;
    }
}
