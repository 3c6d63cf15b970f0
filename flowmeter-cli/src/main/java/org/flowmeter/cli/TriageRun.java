package org.flowmeter.cli;

import java.io.IOException;
import java.util.List;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.pcap.Captures;
import org.flowmeter.report.TriageCollector;
import org.flowmeter.report.TriageInput;

/**
 * Classifies captures as {@code flowmeter classify} does by default (scored at the early packet
 * count and at the end, the end's verdict final) and keeps every flow with its verdict for the
 * triage report.
 */
final class TriageRun {
    private TriageRun() {
    }

    static TriageInput classify(List<String> inputs, LogisticModel model, String modelName, List<FeatureSet> sets,
            FlowConfig config) throws IOException {
        TriageCollector collector = new TriageCollector(flow -> {
            Verdict v = (Verdict) flow.attachment;
            return new TriageCollector.Verdict(v.score, v.malicious, decidedBy(v));
        });
        FlowDecider decider = new FlowDecider(new FlowScorer(model, sets), ClassifyCommand.DEFAULT_EARLY_PACKETS,
                false, collector);
        CaptureRun run = new CaptureRun(config, sets, decider);
        run.run(Captures.openAll(inputs), Progress.wanted(null), () -> { });
        run.printSummary(System.err, collector.flows().size());
        return new TriageInput(modelName, model.threshold(), inputs, run.pipeline().packetsRead(),
                run.pipeline().wireBytesRead(), collector.flows());
    }

    /** What made the verdict, when the verdict says; null reads as the model. */
    static String decidedBy(Verdict v) {
        return null;
    }
}
