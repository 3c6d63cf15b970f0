package org.flowmeter.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.flowmeter.engine.DetectorSettings;
import org.flowmeter.engine.FlowClassifier;
import org.flowmeter.engine.FlowEngine;
import org.flowmeter.engine.FlowSettings;
import org.flowmeter.engine.FlowVerdict;
import org.flowmeter.engine.VerdictPolicy;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.model.FlowModel;
import org.flowmeter.pcap.Captures;
import org.flowmeter.report.TriageCollector;
import org.flowmeter.report.TriageInput;
import org.flowmeter.report.TriageReport;

/**
 * Classifies captures as {@code flowmeter classify} does by default (scored at the early packet
 * count and at the end, the end's verdict final; the cross-flow detectors chosen beside the model) and keeps every flow with its verdict for the
 * triage report.
 */
final class TriageRun {
    private TriageRun() {
    }

    /**
     * Writes the triage report of {@code inputs} to {@code output}. A damaged capture still gives
     * the report of the flows read before the damage (as classify writes their verdicts), and then
     * its error.
     */
    static void report(List<String> inputs, FlowModel model, String modelName, List<FeatureSet> sets,
            FlowSettings flowSettings, DetectorSettings detectors, Path output) throws IOException {
        TriageCollector collector = new TriageCollector(flow -> {
            FlowVerdict v = FlowVerdict.of(flow);
            return new TriageCollector.Verdict(v.score(), v.malicious(), v.decidedBy());
        });
        // The detectors as classify runs them: a flow's verdict is read after the hold, once the
        // patterns found later had the chance to cover it.
        FlowClassifier classifier = FlowClassifier.holdingVerdicts(model, sets, VerdictPolicy.defaults(),
                detectors, v -> collector.onFlowEnd(v.flow()));
        CaptureRun run = new CaptureRun(new FlowEngine(flowSettings.config(), flowSettings.ignoreVlan(), sets, classifier, null));
        try {
            run.run(Captures.openAll(inputs), Progress.wanted(null), () -> {
                classifier.flush();
                TriageReport.write(new TriageInput(modelName, model.threshold(), inputs, run.pipeline().packetsRead(),
                        run.pipeline().wireBytesRead(), collector.flows()), output);
                System.err.println("report written to " + output);
            });
        } finally {
            run.printSummary(System.err, collector.flows().size());
        }
    }
}
