package org.flowmeter.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowSample;
import org.flowmeter.labels.HostLabels;
import org.flowmeter.labels.LabelledFlowLoader;
import org.flowmeter.labels.LabelledFlows;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Where labelled flows come from, shared by train, evaluate and report. */
final class LabelOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Parameters(paramLabel = "INPUT", arity = "0..*",
            description = "Captures or flow tables labelled by --malicious-host, --labels or --label-column.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--benign", paramLabel = "INPUT", arity = "1..*", description = "Inputs whose every flow is benign.")
    List<String> benign = new ArrayList<>();

    @Option(names = "--malicious", paramLabel = "INPUT", arity = "1..*", description = "Inputs whose every flow is malicious.")
    List<String> malicious = new ArrayList<>();

    @Option(names = "--malicious-host", paramLabel = "IP|CIDR",
            description = "A flow touching this address or network is malicious, any other benign (repeatable).")
    List<String> maliciousHosts = new ArrayList<>();

    @Option(names = "--labels", paramLabel = "FILE",
            description = "CSV with columns ip (address or CIDR) and label (malicious|benign).")
    Path labelsFile;

    @Option(names = "--label-column", paramLabel = "NAME", description = "Label column of flow tables.")
    String labelColumn;

    @Option(names = "--benign-value", paramLabel = "VALUE", defaultValue = "BENIGN",
            description = "Value of the label column for benign flows (default: ${DEFAULT-VALUE}).")
    String benignValue;

    /** Whether any label was given; without, the inputs can only be classified, not judged. */
    boolean hasLabels() {
        return !benign.isEmpty() || !malicious.isEmpty() || !maliciousHosts.isEmpty() || labelsFile != null
                || labelColumn != null;
    }

    /** Loads every input; prints one line per input on {@code err}. */
    LabelledFlows load(List<FeatureSet> sets, String[] features, FlowConfig config, PrintStream err) throws IOException {
        if (inputs.isEmpty() && benign.isEmpty() && malicious.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no input: give INPUT..., --benign or --malicious");
        }
        if (!inputs.isEmpty() && maliciousHosts.isEmpty() && labelsFile == null && labelColumn == null) {
            throw new ParameterException(spec.commandLine(), "INPUT needs labels: give --malicious-host, --labels or"
                    + " --label-column, or name inputs with --benign/--malicious");
        }
        LabelledFlows flows = new LabelledFlows(features);
        readAll(loader(sets, features, config, err), null, flows);
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
    LabelledFlows loadThinned(List<FeatureSet> sets, String[] features, FlowConfig config, int copies, int oneIn,
                              PrintStream err) throws IOException {
        LabelledFlowLoader loader = loader(sets, features, config, err);
        LabelledFlows flows = new LabelledFlows(features);
        for (int part = 0; part < copies; part++) {
            readAll(loader, new FlowSample(oneIn, part), flows);
        }
        return flows;
    }

    private LabelledFlowLoader loader(List<FeatureSet> sets, String[] features, FlowConfig config, PrintStream err)
            throws IOException {
        HostLabels hosts = new HostLabels();
        try {
            maliciousHosts.forEach(hosts::add);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--malicious-host: " + e.getMessage());
        }
        if (labelsFile != null) {
            hosts.addFile(labelsFile);
        }
        return new LabelledFlowLoader(sets, features, config, hosts, labelColumn, benignValue, err::println);
    }

    private void readAll(LabelledFlowLoader loader, FlowSample sample, LabelledFlows flows) throws IOException {
        for (String in : benign) {
            loader.load(in, false, sample, flows);
        }
        for (String in : malicious) {
            loader.load(in, true, sample, flows);
        }
        for (String in : inputs) {
            loader.load(in, null, sample, flows);
        }
    }
}
