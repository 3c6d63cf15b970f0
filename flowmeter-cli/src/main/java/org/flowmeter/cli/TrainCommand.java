package org.flowmeter.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.labels.LabelledFlows;
import org.flowmeter.options.FlowOptions;
import org.flowmeter.training.GbtSettings;
import org.flowmeter.training.LogisticGrid;
import org.flowmeter.training.ModelKind;
import org.flowmeter.training.ModelTraining;
import org.flowmeter.training.SignRules;
import org.flowmeter.training.SplitBy;
import org.flowmeter.training.TrainingData;
import org.flowmeter.training.TrainingLog;
import org.flowmeter.training.TrainingResult;
import org.flowmeter.training.TrainingSettings;
import picocli.CommandLine.ArgGroup;
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

    @Option(names = "--folds", defaultValue = TrainingSettings.DEFAULT_FOLDS, description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--test-size", defaultValue = TrainingSettings.DEFAULT_TEST_SIZE, description = "Held-out share for the test split (default: ${DEFAULT-VALUE}).")
    double testSize;

    @Option(names = "--split-by", defaultValue = "flow",
            description = "Split flows one by one (flow), or keep each input's flows together (input) so the test "
                    + "split and every fold are captures the model has not seen (default: ${DEFAULT-VALUE}).")
    SplitBy splitBy;

    @Option(names = "--seed", defaultValue = TrainingSettings.DEFAULT_SEED, description = "Seed of the splits (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--class-weights", split = ",", paramLabel = "B:M",
            defaultValue = LogisticGrid.DEFAULT_CLASS_WEIGHTS,
            description = "Benign:malicious class weights to try (default: ${DEFAULT-VALUE}), plus the inverse-frequency weights.")
    List<String> classWeights;

    @Option(names = "--no-balanced", description = "Do not try the inverse-frequency (balanced) class weights.")
    boolean noBalanced;

    @Option(names = "--penalties", split = ",", defaultValue = LogisticGrid.DEFAULT_PENALTIES, description = "Penalties to try (default: ${DEFAULT-VALUE}).")
    List<String> penalties;

    @Option(names = "--cs", split = ",", defaultValue = LogisticGrid.DEFAULT_CS,
            description = "Inverse regularisation strengths to try (default: ${DEFAULT-VALUE}).")
    List<Double> cs;

    @Option(names = "--intercept", split = ",", arity = "1", defaultValue = LogisticGrid.DEFAULT_INTERCEPTS,
            description = "Fit an intercept: values to try (default: ${DEFAULT-VALUE}).")
    List<Boolean> intercepts;

    @Option(names = "--threads", description = "Worker threads for the grid (default: all cores).")
    Integer threads;

    @ArgGroup(exclusive = true)
    OperatingPoint operatingPoint;

    static final class OperatingPoint {
        @Option(names = "--threshold-for-recall", paramLabel = "R",
                description = "Choose the threshold on the training split's cross-validated scores: the highest with recall >= R.")
        Double recall;

        @Option(names = "--threshold", paramLabel = "P",
                description = "Use this decision threshold instead of choosing one (no cross-validated scores needed).")
        Double fixed;

        @Option(names = "--threshold-for-fpr", paramLabel = "F",
                description = "Choose the threshold on the training split's cross-validated scores: the lowest with "
                        + "false-positive rate <= F.")
        Double fpr;
    }

    @Option(names = "--drop-features", paramLabel = "REGEX",
            description = "Leave out the features whose names match (found anywhere in the name), e.g. 'IAT|Duration|PerTime|/s'.")
    java.util.regex.Pattern dropFeatures;

    @Option(names = "--thinned-copies", paramLabel = "K", defaultValue = "0",
            description = "Also fit on K thinned readings of every capture, each keeping another one flow in N "
                    + "(--thinning): traffic as it looks at a fraction of its volume, with fewer flows around each "
                    + "flow. A copy is fitted on only where its flow is, and never scored (default: ${DEFAULT-VALUE}).")
    int thinnedCopies;

    @Option(names = "--thinning", paramLabel = "N", defaultValue = TrainingSettings.DEFAULT_THINNING,
            description = "A thinned reading keeps one flow in N, chosen by the flow's hash (default: ${DEFAULT-VALUE}).")
    int thinning;

    @Option(names = "--metrics-json", paramLabel = "FILE", description = "Write the grid, CV and test metrics as JSON.")
    Path metricsJson;

    @Option(names = "--export-deepfence", paramLabel = "DIR",
            description = "Also write Deepfence's weights.txt, intercept.txt, mean.txt and std.txt.")
    Path exportDeepfence;

    @Option(names = "--log-transform", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Compress each feature logarithmically before scaling (default: on; "
                    + "--no-log-transform gives a model that Deepfence's parameter files can hold).")
    boolean logTransform;

    @Option(names = "--model-kind", defaultValue = "logistic",
            description = "logistic (regression, grid-searched; sign rules bound its weights) or gbt (gradient-boosted "
                    + "trees by XGBoost; sign rules make them monotone) (default: ${DEFAULT-VALUE}).")
    ModelKind modelKind;

    @Option(names = "--gbt-rounds", defaultValue = GbtSettings.DEFAULT_ROUNDS, description = "Boosting rounds (trees) (default: ${DEFAULT-VALUE}).")
    int gbtRounds;

    @Option(names = "--gbt-depth", defaultValue = GbtSettings.DEFAULT_DEPTH, description = "Maximum depth of a tree (default: ${DEFAULT-VALUE}).")
    int gbtDepth;

    @Option(names = "--gbt-eta", defaultValue = GbtSettings.DEFAULT_ETA, description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double gbtEta;

    @Option(names = "--gbt-min-child-weight", defaultValue = GbtSettings.DEFAULT_MIN_CHILD_WEIGHT,
            description = "Least weight of flows in a leaf (default: ${DEFAULT-VALUE}).")
    double gbtMinChildWeight;

    @Option(names = "--gbt-subsample", defaultValue = GbtSettings.DEFAULT_SUBSAMPLE, description = "Share of flows each tree sees (default: ${DEFAULT-VALUE}).")
    double gbtSubsample;

    @Option(names = "--gbt-class-weights", paramLabel = "B:M", defaultValue = GbtSettings.DEFAULT_CLASS_WEIGHTS,
            description = "Benign:malicious loss weights of the trees (default: ${DEFAULT-VALUE}).")
    String gbtClassWeights;

    @Option(names = "--monotone", paramLabel = "REGEX=SIGN",
            description = "Features whose names match may only raise (+) or only lower (-) the score, or are free (0); "
                    + "repeatable, the last matching rule wins (after the known directions and --monotone-file).")
    List<String> monotone = new ArrayList<>();

    @Option(names = "--known-directions", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Columns whose direction is known (counts of failures, unanswered flows, distinct endpoints "
                    + "and sources: they can only raise suspicion) constrain the model that way before any "
                    + "--monotone rule (default: on).")
    boolean knownDirections;

    @Option(names = "--monotone-file", paramLabel = "FILE",
            description = "Rules as for --monotone, one a line (# comments).")
    Path monotoneFile;

    @Option(names = "--max-malicious-per-input", paramLabel = "N",
            description = "Fit on at most N malicious flows of each input (a seeded sample; features still come from "
                    + "the whole capture), so that a few floods do not make the training set mostly malicious.")
    Integer maxMaliciousPerInput;

    @Option(names = "--leave-one-group-out", paramLabel = "FILE",
            description = "Instead of training one model: for every group of inputs named in FILE (CSV lines "
                    + "GROUP,PATH; PATH an input or a folder of inputs; GROUP '-' leaves them out, '+' fits on them in "
                    + "every fold and never scores them), fit the recipe on "
                    + "the other groups and score the held-out one. Prints recall, false-positive rate and ROC AUC "
                    + "per group; --metrics-json writes them.")
    Path leaveOneGroupOut;

    @Option(names = "--worst-source-fpr", paramLabel = "F",
            description = "Raise the threshold until every benign source of --sources, left out of the fit in turn "
                    + "and scored by a model fitted on the rest, is flagged at a false-positive rate <= F "
                    + "(--model-kind gbt; after the operating point, which stays the floor).")
    Double worstSourceFpr;

    @Option(names = "--sources", paramLabel = "FILE",
            description = "Groups of inputs, as for --leave-one-group-out: those of benign flows only are the benign "
                    + "sources of --worst-source-fpr; the others (attack families) get their recall printed.")
    Path sources;

    @Option(names = "--progress", negatable = true, description = "Show a progress bar over the grid (default: on a terminal).")
    Boolean progress;

    @Override
    public Integer call() throws IOException {
        if (output == null && leaveOneGroupOut == null) {
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
        if (leaveOneGroupOut != null) {
            return LeaveOneGroupOutRun.run(this, settings, data, ModelTraining.prepare(data, settings, log), err);
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
        org.flowmeter.training.OperatingPoint point = operatingPoint == null
                ? org.flowmeter.training.OperatingPoint.DEFAULT
                : org.flowmeter.training.OperatingPoint.of(operatingPoint.fixed, operatingPoint.recall, operatingPoint.fpr);
        return new TrainingSettings(modelKind, dropFeatures == null ? null : dropFeatures.pattern(), logTransform, folds,
                testSize, splitBy, seed, new LogisticGrid(classWeights, !noBalanced, penalties, cs, intercepts),
                new GbtSettings(gbtRounds, gbtDepth, gbtEta, gbtMinChildWeight, gbtSubsample, gbtClassWeights), point,
                new SignRules(knownDirections, monotoneFile, monotone), maxMaliciousPerInput, thinnedCopies, thinning,
                threads, worstSourceFpr, sources);
    }
}
