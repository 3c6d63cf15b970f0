package org.flowmeter.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowmeter.labels.LabelledFlows;
import org.flowmeter.model.Dataset;
import org.flowmeter.model.FlowModel;
import org.flowmeter.model.GbtModel;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.options.DetectorOptions;
import org.flowmeter.options.FlowOptions;
import org.flowmeter.options.ModelOptions;
import org.flowmeter.report.HtmlReport;
import org.flowmeter.report.ModelSummary;
import org.flowmeter.report.ReportInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flowmeter report}: without labels, a triage report of the classified captures; with
 * labels, the flows' features and the model's quality. One HTML file either way.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a self-contained HTML report.",
            "Without labels: a triage report of the captures (summary, time line, top talkers and services, "
                    + "the most suspicious flows in a sortable, filterable table).",
            "With labels (--malicious-host, --labels, --benign/--malicious, --label-column): traffic summary, "
                    + "feature profiles, model quality and the most suspicious flows.",
            "Either way the cross-flow detectors run beside the model, as in classify and evaluate."})
final class ReportCommand implements Callable<Integer> {

    @Mixin
    LabelOptions labels;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    FlowOptions flowOptions;

    @Mixin
    DetectorOptions detectorOptions;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The HTML file to write.")
    Path output;

    @Override
    public Integer call() throws IOException {
        FlowModel model = modelOptions.load();
        if (!labels.hasLabels()) {
            if (labels.inputs.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(labels.spec.commandLine(), "no input: give INPUT...");
            }
            TriageRun.report(labels.inputs, model, modelOptions.describe(), flowOptions.featureSetsFor(model),
                    flowOptions.settings(), detectorOptions.settings(), output);
            return 0;
        }
        labels.runDetectors(detectorOptions.settings());
        LabelledFlows flows = labels.load(flowOptions.featureSetsFor(model), model.features(), flowOptions.settings(), System.err);
        HtmlReport.write(input(model, modelOptions.describe(), flows), output);
        System.err.println("report written to " + output);
        return 0;
    }

    static ReportInput input(FlowModel model, String modelName, LabelledFlows flows) {
        Dataset data = flows.dataset();
        double[] scores = new double[data.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = model.score(data.row(i));
        }
        // A flow in a pattern a detector found is flagged whatever the model says, as in evaluate.
        flows.detected().stream().forEach(row -> scores[row] = 1.0);
        List<ReportInput.InputCounts> inputs = new ArrayList<>();
        for (Map.Entry<String, int[]> e : flows.perInput().entrySet()) {
            inputs.add(new ReportInput.InputCounts(e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        ModelSummary summary = model instanceof LogisticModel lr
                ? new ModelSummary(modelName, lr.features(), lr.weights(), lr.intercept(), lr.threshold())
                // Trees have no weights: the report shows how often each feature is split on.
                : new ModelSummary(modelName + " (gradient-boosted trees: splits per feature, base margin)",
                        model.features(), ((GbtModel) model).splitCounts(), ((GbtModel) model).baseMargin(),
                        model.threshold());
        return new ReportInput(inputs, data.rows(), data.labels(), scores, flows.packets(), flows.bytes(), summary,
                flows.dropped());
    }
}
