package org.flowmeter.spark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.flowmeter.engine.FlowSettings;
import org.flowmeter.engine.LabelSettings;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.labels.LabelledFlows;
import org.flowmeter.model.LabelText;
import org.flowmeter.training.LeaveOneGroupOutRun;
import org.flowmeter.training.ModelTraining;
import org.flowmeter.training.TrainingData;
import org.flowmeter.training.TrainingLog;
import org.flowmeter.training.TrainingResult;
import org.flowmeter.training.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code train}: labelled captures in, the model file of {@code flowmeter train} out. The captures
 * are read in parallel; their labelled feature rows are collected to the driver, which fits
 * with the engine's {@link ModelTraining}, as the command line does.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model on labelled captures (one task per file) as flowmeter train does: same options,"
                + " defaults, flows, labels and model file.",
            "The labelled feature rows are collected to the driver, which fits the model: they must fit in its memory"
                + " (a row is 8 bytes per feature)."})
final class TrainCommand implements Callable<Integer> {
    @ParentCommand
    FlowmeterSpark parent;

    @Option(names = {"-i", "--input"}, paramLabel = "PATH",
            description = "Capture file, folder or glob (quote it; any Hadoop file system) labelled by --malicious-host"
                    + " or --labels (repeatable).")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--benign", paramLabel = "PATH", arity = "1..*", description = "Captures whose every flow is benign.")
    List<String> benign = new ArrayList<>();

    @Option(names = "--malicious", paramLabel = "PATH", arity = "1..*",
            description = "Captures whose every flow is malicious.")
    List<String> malicious = new ArrayList<>();

    @Option(names = "--malicious-host", paramLabel = "IP|CIDR",
            description = "A flow touching this address or network is malicious, any other benign (repeatable).")
    List<String> maliciousHosts = new ArrayList<>();

    @Option(names = "--labels", paramLabel = "FILE",
            description = "CSV with columns ip (address or CIDR) and label (malicious|benign), read on the driver.")
    Path labelsFile;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Model file to write (JSON); required unless --leave-one-group-out.")
    Path output;

    @Option(names = "--metrics-json", paramLabel = "FILE", description = "Write the grid, CV and test metrics as JSON.")
    Path metricsJson;

    @Option(names = "--export-deepfence", paramLabel = "DIR",
            description = "Also write Deepfence's weights.txt, intercept.txt, mean.txt and std.txt.")
    Path exportDeepfence;

    @Mixin
    org.flowmeter.options.FlowOptions flowOptions;

    @Mixin
    org.flowmeter.options.TrainingOptions recipe;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (output == null && recipe.leaveOneGroupOut() == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--output=FILE'");
        }
        run(parent.session());
        return 0;
    }

    /**
     * Fits, writes the model (and the metrics and Deepfence files when asked) and prints the
     * summary; with --leave-one-group-out prints (and writes) its figures instead and returns null.
     */
    TrainingResult run(SparkSession spark) throws Exception {
        TrainingSettings settings = recipe.settings();
        if (exportDeepfence != null) {
            settings.checkDeepfenceExport();
        }
        LabelSettings labels = new LabelSettings(inputs, benign, malicious, maliciousHosts, labelsFile, null,
                LabelText.DEFAULT_BENIGN);
        labels.checkInputs();
        FlowSettings flow = flowOptions.settings();
        List<FeatureSet> sets = flow.featureSets();
        String[] features = settings.features(sets);
        PrintStream err = System.err;
        List<LabelledCaptures.Task> tasks = LabelledCaptures.tasks(benign, malicious, inputs,
                spark.sparkContext().hadoopConfiguration());
        LabelledCaptures.Settings reading = new LabelledCaptures.Settings(flow, features, labels.hosts());
        LabelledFlows flows = LabelledCaptures.load(spark, tasks, reading, err);
        LabelledFlows thinned = settings.thinnedCopies() == 0 ? null
                : LabelledCaptures.loadThinned(spark, tasks, reading, settings.thinnedCopies(), settings.thinning(), err);
        String setName = String.join(",", sets.stream().map(FeatureSet::name).toList());
        TrainingData data = new TrainingData(setName, flows, thinned);
        PrintStream out = System.out;
        TrainingLog log = TrainingLog.to(err);
        if (recipe.leaveOneGroupOut() != null) {
            LeaveOneGroupOutRun.run(recipe.leaveOneGroupOut(), metricsJson, settings, data,
                    ModelTraining.prepare(data, settings, log), out, err);
            return null;
        }
        TrainingResult result = ModelTraining.train(data, settings, log);
        result.writeModel(output);
        result.report().print(out);
        out.println("model written to " + output);
        if (metricsJson != null) {
            result.report().writeMetrics(metricsJson);
        }
        if (exportDeepfence != null) {
            result.exportDeepfence(exportDeepfence);
        }
        return result;
    }
}
