package org.flowmeter.labels;

import java.util.function.ToIntFunction;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.detect.Detectors;
import org.flowmeter.detect.FlowFacts;
import org.flowmeter.detect.PatternHold;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowListener;

/**
 * Runs the cross-flow detectors over one capture's flows as classify does (each ended flow
 * counted, held back as long as the detectors' longest window, then checked against the patterns
 * found) and marks the rows of flows that lie in a detected pattern, so that evaluation measures
 * what classify would flag.
 */
final class DetectorMarks implements FlowListener {
    /** A flow's detector counts while it is open, and its row once it has one. */
    private static final class Pending {
        final FlowFacts facts = new FlowFacts();
        int row = -1;
    }

    private final Detectors detectors;
    private final ToIntFunction<Flow> addRow;
    private final PatternHold hold;

    /**
     * @param addRow adds the ended flow's row and returns its index (-1 when the row was dropped)
     */
    DetectorMarks(Detectors detectors, long holdNanos, int maxHeld, ToIntFunction<Flow> addRow, LabelledFlows out) {
        this.detectors = detectors;
        this.addRow = addRow;
        this.hold = new PatternHold(flow -> {
            Pending p = (Pending) flow.attachment;
            String by = detectors.coveredBy(flow);
            if (by != null && p.row >= 0) {
                out.markDetected(p.row, by);
            }
            flow.attachment = null;
        }, holdNanos, maxHeld);
    }

    @Override
    public void onPacket(Flow flow, DecodedPacket packet, boolean forward) {
        if (flow.attachment == null) {
            flow.attachment = new Pending();
        }
        ((Pending) flow.attachment).facts.add(packet, forward);
    }

    @Override
    public void onFlowEnd(Flow flow) {
        if (flow.attachment == null) {
            flow.attachment = new Pending();
        }
        Pending p = (Pending) flow.attachment;
        p.row = addRow.applyAsInt(flow);
        detectors.observe(flow, p.facts);
        hold.onFlowEnd(flow);
    }

    /** Checks the flows still held (at the end of the capture). */
    void finish() {
        hold.flush();
    }
}
