package org.flowmeter.options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.flowmeter.training.GbtSettings;
import org.flowmeter.training.LogisticGrid;
import org.flowmeter.training.ModelKind;
import org.flowmeter.training.OperatingPoint;
import org.flowmeter.training.SignRules;
import org.flowmeter.training.SplitBy;
import org.flowmeter.training.TrainingSettings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * How a model is fitted (splits, the logistic grid, the trees, sign rules, the operating point,
 * thinned copies, the worst-benign-source threshold) and whether to run leave-one-group-out
 * instead: the options both {@code train} commands take, read into the engine's {@link TrainingSettings}.
 */
public final class TrainingOptions {
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
    Point operatingPoint;

    /** The operating point: one of a fixed threshold or one chosen on cross-validated scores. */
    static final class Point {
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
    Pattern dropFeatures;

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

    @Option(names = "--thinned-copies", paramLabel = "K", defaultValue = "0",
            description = "Also fit on K thinned readings of every capture, each keeping another one flow in N "
                    + "(--thinning): traffic as it looks at a fraction of its volume, with fewer flows around each "
                    + "flow. A copy is fitted on only where its flow is, and never scored (default: ${DEFAULT-VALUE}).")
    int thinnedCopies;

    @Option(names = "--thinning", paramLabel = "N", defaultValue = TrainingSettings.DEFAULT_THINNING,
            description = "A thinned reading keeps one flow in N, chosen by the flow's hash (default: ${DEFAULT-VALUE}).")
    int thinning;

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

    /** The group file of --leave-one-group-out; null to train one model. */
    public Path leaveOneGroupOut() {
        return leaveOneGroupOut;
    }

    /** These options as the engine's training takes them (which checks them). */
    public TrainingSettings settings() {
        OperatingPoint point = operatingPoint == null ? OperatingPoint.DEFAULT
                : OperatingPoint.of(operatingPoint.fixed, operatingPoint.recall, operatingPoint.fpr);
        return new TrainingSettings(modelKind, dropFeatures == null ? null : dropFeatures.pattern(), logTransform, folds,
                testSize, splitBy, seed, new LogisticGrid(classWeights, !noBalanced, penalties, cs, intercepts),
                new GbtSettings(gbtRounds, gbtDepth, gbtEta, gbtMinChildWeight, gbtSubsample, gbtClassWeights), point,
                new SignRules(knownDirections, monotoneFile, monotone), maxMaliciousPerInput, thinnedCopies, thinning,
                threads, worstSourceFpr, sources);
    }
}
