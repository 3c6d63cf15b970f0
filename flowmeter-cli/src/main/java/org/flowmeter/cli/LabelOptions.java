package org.flowmeter.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowmeter.engine.DetectorSettings;
import org.flowmeter.engine.FlowSettings;
import org.flowmeter.engine.LabelSettings;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.flow.FlowSample;
import org.flowmeter.labels.LabelledFlowLoader;
import org.flowmeter.labels.LabelledFlows;
import org.flowmeter.options.LabelRuleOptions;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where labelled flows come from, shared by train, evaluate and report: the inputs, and the label
 * rules every front end shares ({@link LabelRuleOptions}); {@link LabelSettings}.
 */
final class LabelOptions extends LabelRuleOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Parameters(paramLabel = "INPUT", arity = "0..*",
            description = "Captures or flow tables labelled by --malicious-host, --labels or --label-column.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--benign", paramLabel = "INPUT", arity = "1..*", description = "Inputs whose every flow is benign.")
    List<String> benign = new ArrayList<>();

    @Option(names = "--malicious", paramLabel = "INPUT", arity = "1..*", description = "Inputs whose every flow is malicious.")
    List<String> malicious = new ArrayList<>();

    /** These options as the engine takes them. */
    LabelSettings settings() {
        return settings(inputs, benign, malicious);
    }

    /** Whether any label was given; without, the inputs can only be classified, not judged. */
    boolean hasLabels() {
        return settings().hasLabels();
    }

    private DetectorSettings detectors;

    /** Runs the cross-flow detectors over each capture loaded, as classify does (evaluation, not training). */
    void runDetectors(DetectorSettings settings) {
        this.detectors = settings;
    }

    /** Loads every input; prints one line per input on {@code err}. */
    LabelledFlows load(List<FeatureSet> sets, String[] features, FlowSettings flow, PrintStream err) throws IOException {
        LabelSettings labels = settings();
        labels.checkInputs();
        LabelledFlows flows = new LabelledFlows(features);
        labels.readAll(loader(labels, sets, features, flow, err), null, flows);
        for (Map.Entry<String, int[]> e : flows.perInput().entrySet()) {
            err.printf("%s: %d benign, %d malicious flows%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
        if (flows.dropped() > 0) {
            err.printf("%d flows dropped for missing or non-finite features%n", flows.dropped());
        }
        return flows;
    }

    /**
     * The captures among the inputs read {@code copies} more times, each time keeping another
     * part of {@code oneIn} of their flows (parts 0 to copies - 1), labelled as in {@link #load}.
     */
    LabelledFlows loadThinned(List<FeatureSet> sets, String[] features, FlowSettings flow, int copies, int oneIn,
                              PrintStream err) throws IOException {
        LabelSettings labels = settings();
        LabelledFlowLoader loader = loader(labels, sets, features, flow, err);
        LabelledFlows flows = new LabelledFlows(features);
        for (int part = 0; part < copies; part++) {
            labels.readAll(loader, new FlowSample(oneIn, part), flows);
        }
        return flows;
    }

    private LabelledFlowLoader loader(LabelSettings labels, List<FeatureSet> sets, String[] features, FlowSettings flow,
                                      PrintStream err) throws IOException {
        LabelledFlowLoader loader = labels.loader(sets, features, flow, err::println);
        if (detectors != null && detectors.anyOn()) {
            loader.runDetectors(detectors);
        }
        if (Progress.wanted(null)) {
            loader.showProgress(Progress::reading);
        }
        return loader;
    }
}
