package org.flowmeter.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flowmeter.labels.LabelledFlows;
import org.flowmeter.model.Dataset;
import org.flowmeter.model.EvaluationResult;
import org.flowmeter.model.FlowModel;
import org.flowmeter.options.DetectorOptions;
import org.flowmeter.options.FlowOptions;
import org.flowmeter.options.ModelOptions;
import org.flowmeter.training.Evaluation;
import org.flowmeter.training.InputResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowmeter evaluate}: how well a model separates labelled flows, and what it would forward. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score labelled flows with a model (the bundled one by default) and the cross-flow detectors, as"
                + " classify does, and report detection and data reduction.")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    LabelOptions labels;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    FlowOptions flowOptions;

    @Mixin
    DetectorOptions detectorOptions;

    @Option(names = "--metrics-json", paramLabel = "FILE", description = "Write the metrics as JSON.")
    Path metricsJson;

    @Override
    public Integer call() throws IOException {
        FlowModel model = modelOptions.load();
        labels.runDetectors(detectorOptions.settings());
        LabelledFlows flows = labels.load(flowOptions.featureSetsFor(model), model.features(), flowOptions.settings(), System.err);
        Dataset data = flows.dataset();
        double[] scores = Evaluation.scores(model, data);
        // A flow in a pattern a detector found is flagged whatever the model says, as in classify.
        flows.detected().stream().forEach(row -> scores[row] = 1.0);
        if (!flows.detectedBy().isEmpty()) {
            System.out.println("flows flagged by cross-flow detectors (any model score): " + flows.detectedBy());
        }
        EvaluationResult result = Evaluation.evaluate(model, data, scores, flows,
                java.util.stream.IntStream.range(0, data.size()).toArray());
        System.out.print(MetricsReport.table(result, model.threshold()));
        if (flows.inputNames().size() > 1) {
            InputResults.printWorst(System.out, "inputs with the most errors:",
                    InputResults.of(model, data, scores, flows.inputNames()));
        }
        if (metricsJson != null) {
            MetricsReport.writeJson(result, metricsJson);
        }
        return 0;
    }

}
