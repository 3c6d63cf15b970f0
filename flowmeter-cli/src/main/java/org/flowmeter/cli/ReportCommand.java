package org.flowmeter.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowmeter.labels.LabelledFlows;
import org.flowmeter.model.Dataset;
import org.flowmeter.model.LogisticModel;
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
                    + "feature profiles, model quality and the most suspicious flows."})
final class ReportCommand implements Callable<Integer> {

    @Mixin
    LabelOptions labels;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    FlowOptions flowOptions;

    @Option(names = "--threshold", paramLabel = "P", description = "Override the model's decision threshold.")
    Double threshold;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The HTML file to write.")
    Path output;

    @Override
    public Integer call() throws IOException {
        LogisticModel model = modelOptions.load();
        if (threshold != null) {
            model = model.withThreshold(threshold);
        }
        if (!labels.hasLabels()) {
            if (labels.inputs.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(labels.spec.commandLine(), "no input: give INPUT...");
            }
            TriageRun.report(labels.inputs, model, modelOptions.describe(), flowOptions.featureSetsFor(model),
                    flowOptions.config(), output);
            return 0;
        }
        LabelledFlows flows = labels.load(flowOptions.featureSetsFor(model), model.features(), flowOptions.config(), System.err);
        HtmlReport.write(input(model, modelOptions.describe(), flows), output);
        System.err.println("report written to " + output);
        return 0;
    }

    static ReportInput input(LogisticModel model, String modelName, LabelledFlows flows) {
        Dataset data = flows.dataset();
        double[] scores = new double[data.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = model.score(data.row(i));
        }
        List<ReportInput.InputCounts> inputs = new ArrayList<>();
        for (Map.Entry<String, int[]> e : flows.perInput().entrySet()) {
            inputs.add(new ReportInput.InputCounts(e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        ModelSummary summary = new ModelSummary(modelName, model.features(), model.weights(), model.intercept(),
                model.threshold());
        return new ReportInput(inputs, data.rows(), data.labels(), scores, flows.packets(), flows.bytes(), summary,
                flows.dropped());
    }
}
