package org.flowmeter.engine;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.flow.FlowSample;
import org.flowmeter.labels.HostLabels;
import org.flowmeter.labels.LabelledFlowLoader;
import org.flowmeter.labels.LabelledFlows;

/**
 * Which inputs are labelled how: inputs labelled by malicious hosts ({@code maliciousHosts},
 * {@code labelsFile}) or a label column, and inputs whose every flow is benign or malicious.
 *
 * @param benignValue the label column's value for benign flows
 */
public record LabelSettings(List<String> inputs, List<String> benign, List<String> malicious,
                            List<String> maliciousHosts, Path labelsFile, String labelColumn, String benignValue)
        implements Serializable {

    public LabelSettings {
        inputs = List.copyOf(inputs);
        benign = List.copyOf(benign);
        malicious = List.copyOf(malicious);
        maliciousHosts = List.copyOf(maliciousHosts);
    }

    /** Whether any label was given; without, the inputs can only be classified, not judged. */
    public boolean hasLabels() {
        return !benign.isEmpty() || !malicious.isEmpty() || !maliciousHosts.isEmpty() || labelsFile != null
                || labelColumn != null;
    }

    /** An {@link OptionException} when there is no input or an input has no way to be labelled. */
    public void checkInputs() {
        if (inputs.isEmpty() && benign.isEmpty() && malicious.isEmpty()) {
            throw new OptionException("no input: give INPUT..., --benign or --malicious");
        }
        if (!inputs.isEmpty() && maliciousHosts.isEmpty() && labelsFile == null && labelColumn == null) {
            throw new OptionException("INPUT needs labels: give --malicious-host, --labels or"
                    + " --label-column, or name inputs with --benign/--malicious");
        }
    }

    /** The malicious hosts given and those of the labels file. */
    public HostLabels hosts() throws IOException {
        HostLabels hosts = new HostLabels();
        try {
            maliciousHosts.forEach(hosts::add);
        } catch (IllegalArgumentException e) {
            throw OptionException.of("--malicious-host", e);
        }
        if (labelsFile != null) {
            hosts.addFile(labelsFile);
        }
        return hosts;
    }

    /** A loader of these inputs' flows with {@code features} of {@code sets}, cut by {@code flow}. */
    public LabelledFlowLoader loader(List<FeatureSet> sets, String[] features, FlowSettings flow, Consumer<String> warnings)
            throws IOException {
        LabelledFlowLoader loader = new LabelledFlowLoader(sets, features, flow.config(), hosts(), labelColumn, benignValue,
                warnings);
        loader.ignoreVlan(flow.ignoreVlan());
        return loader;
    }

    /** Adds the flows of every input: the benign ones, the malicious ones, then those labelled by host or column. */
    public void readAll(LabelledFlowLoader loader, FlowSample sample, LabelledFlows flows) throws IOException {
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
