package org.flowmeter.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.labels.LabelledFlows;
import org.flowmeter.options.FlowOptions;
import org.flowmeter.options.TrainingOptions;
import org.flowmeter.training.LeaveOneGroupOutRun;
import org.flowmeter.training.ModelTraining;
import org.flowmeter.training.TrainingData;
import org.flowmeter.training.TrainingLog;
import org.flowmeter.training.TrainingResult;
import org.flowmeter.training.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code flowmeter train}: class-weighted logistic regression chosen by a grid search with
 * stratified k-fold cross-validation (ROC AUC) on a training split, checked on a held-out split.
 * The options are read into the engine's {@link TrainingSettings}; the engine's
 * {@link ModelTraining} fits (Spark's {@code train} runs the same).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a class-weighted logistic regression on labelled captures or flow tables.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LabelOptions labels;

    @Mixin
    FlowOptions flowOptions;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Model file to write (JSON); required unless --leave-one-group-out.")
    Path output;

    @Mixin
    TrainingOptions recipe;

    @Option(names = "--metrics-json", paramLabel = "FILE", description = "Write the grid, CV and test metrics as JSON.")
    Path metricsJson;

    @Option(names = "--export-deepfence", paramLabel = "DIR",
            description = "Also write Deepfence's weights.txt, intercept.txt, mean.txt and std.txt.")
    Path exportDeepfence;

    @Option(names = "--progress", negatable = true, description = "Show a progress bar over the grid (default: on a terminal).")
    Boolean progress;

    @Override
    public Integer call() throws IOException {
        if (output == null && recipe.leaveOneGroupOut() == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--output=FILE'");
        }
        TrainingSettings settings = settings();
        if (exportDeepfence != null) {
            settings.checkDeepfenceExport();
        }
        List<FeatureSet> sets = flowOptions.featureSets();
        String[] features = settings.features(sets);
        String setName = String.join(",", sets.stream().map(FeatureSet::name).toList());
        PrintStream err = System.err;
        LabelledFlows flows = labels.load(sets, features, flowOptions.settings(), err);
        LabelledFlows thinned = settings.thinnedCopies() == 0 ? null
                : labels.loadThinned(sets, features, flowOptions.settings(), settings.thinnedCopies(), settings.thinning(),
                        err);
        TrainingData data = new TrainingData(setName, flows, thinned);
        TrainingLog log = new GridProgressLog(err, progress);
        if (recipe.leaveOneGroupOut() != null) {
            LeaveOneGroupOutRun.run(recipe.leaveOneGroupOut(), metricsJson, settings, data,
                    ModelTraining.prepare(data, settings, log), System.out, err);
            return 0;
        }
        TrainingResult result = ModelTraining.train(data, settings, log);
        result.writeModel(output);
        PrintStream out = System.out;
        result.report().print(out);
        out.println("model written to " + output);
        if (metricsJson != null) {
            result.report().writeMetrics(metricsJson);
        }
        if (exportDeepfence != null) {
            result.exportDeepfence(exportDeepfence);
        }
        return 0;
    }

    /** These options as the engine's training takes them (which checks them). */
    TrainingSettings settings() {
        return recipe.settings();
    }
}
