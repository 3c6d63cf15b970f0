package org.flowmeter.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.flowmeter.feature.Column;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.labels.LabelledFlows;
import org.flowmeter.model.Dataset;
import org.flowmeter.model.DeepfenceParams;
import org.flowmeter.model.EvaluationResult;
import org.flowmeter.model.GridSearch;
import org.flowmeter.model.GroupCap;
import org.flowmeter.model.GroupedSplit;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.model.LogScale;
import org.flowmeter.model.LogisticTrainer;
import org.flowmeter.model.Metrics;
import org.flowmeter.model.ModelFiles;
import org.flowmeter.model.Penalty;
import org.flowmeter.model.SignConstraints;
import org.flowmeter.model.StratifiedSplit;
import org.flowmeter.model.TrainingCopies;
import org.flowmeter.options.FlowOptions;
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

    @Option(names = "--folds", defaultValue = "10", description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--test-size", defaultValue = "0.3", description = "Held-out share for the test split (default: ${DEFAULT-VALUE}).")
    double testSize;

    /** How rows are shared out between training and test parts and between folds. */
    enum SplitBy { flow, input }

    @Option(names = "--split-by", defaultValue = "flow",
            description = "Split flows one by one (flow), or keep each input's flows together (input) so the test "
                    + "split and every fold are captures the model has not seen (default: ${DEFAULT-VALUE}).")
    SplitBy splitBy;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the splits (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--class-weights", split = ",", paramLabel = "B:M",
            defaultValue = "0.1:99.9,0.25:99.75,0.5:99.5,0.75:99.25,1:99",
            description = "Benign:malicious class weights to try (default: ${DEFAULT-VALUE}), plus the inverse-frequency weights.")
    List<String> classWeights;

    @Option(names = "--no-balanced", description = "Do not try the inverse-frequency (balanced) class weights.")
    boolean noBalanced;

    @Option(names = "--penalties", split = ",", defaultValue = "l1,l2", description = "Penalties to try (default: ${DEFAULT-VALUE}).")
    List<String> penalties;

    @Option(names = "--cs", split = ",", defaultValue = "0.1,0.3,0.5,0.7,0.9",
            description = "Inverse regularisation strengths to try (default: ${DEFAULT-VALUE}).")
    List<Double> cs;

    @Option(names = "--intercept", split = ",", arity = "1", defaultValue = "true,false",
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

    @Option(names = "--thinning", paramLabel = "N", defaultValue = "16",
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

    /** The model fitted: a logistic regression (grid-searched) or gradient-boosted trees. */
    enum ModelKind { logistic, gbt }

    @Option(names = "--model-kind", defaultValue = "logistic",
            description = "logistic (regression, grid-searched; sign rules bound its weights) or gbt (gradient-boosted "
                    + "trees by XGBoost; sign rules make them monotone) (default: ${DEFAULT-VALUE}).")
    ModelKind modelKind;

    @Option(names = "--gbt-rounds", defaultValue = "200", description = "Boosting rounds (trees) (default: ${DEFAULT-VALUE}).")
    int gbtRounds;

    @Option(names = "--gbt-depth", defaultValue = "4", description = "Maximum depth of a tree (default: ${DEFAULT-VALUE}).")
    int gbtDepth;

    @Option(names = "--gbt-eta", defaultValue = "0.1", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double gbtEta;

    @Option(names = "--gbt-min-child-weight", defaultValue = "1",
            description = "Least weight of flows in a leaf (default: ${DEFAULT-VALUE}).")
    double gbtMinChildWeight;

    @Option(names = "--gbt-subsample", defaultValue = "1", description = "Share of flows each tree sees (default: ${DEFAULT-VALUE}).")
    double gbtSubsample;

    @Option(names = "--gbt-class-weights", paramLabel = "B:M", defaultValue = "1:1",
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

    /** The groups of --sources, resolved against the inputs (null without it). */
    LeaveOneGroupOutRun.Groups sourceGroups;

    @Option(names = "--progress", negatable = true, description = "Show a progress bar over the grid (default: on a terminal).")
    Boolean progress;

    @Override
    public Integer call() throws IOException {
        List<FeatureSet> sets = flowOptions.featureSets();
        String setName = String.join(",", sets.stream().map(FeatureSet::name).toList());
        String[] features = sets.stream().flatMap(s -> s.columns().stream()).map(Column::name)
                .filter(name -> dropFeatures == null || !dropFeatures.matcher(name).find())
                .toArray(String[]::new);
        if (features.length == 0) {
            throw new ParameterException(spec.commandLine(), "--drop-features leaves no feature");
        }
        if (thinning < 2 || thinnedCopies < 0 || thinnedCopies > thinning) {
            throw new ParameterException(spec.commandLine(), "--thinned-copies must be within 0.." + thinning
                    + " and --thinning at least 2");
        }
        if (output == null && leaveOneGroupOut == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--output=FILE'");
        }
        if (modelKind == ModelKind.gbt && (exportDeepfence != null || thinnedCopies > 0)) {
            throw new ParameterException(spec.commandLine(), exportDeepfence != null
                    ? "--export-deepfence: Deepfence's parameter files hold a logistic regression only (--model-kind logistic)"
                    : "--thinned-copies is for --model-kind logistic only");
        }
        if (maxMaliciousPerInput != null && thinnedCopies > 0) {
            throw new ParameterException(spec.commandLine(), "--max-malicious-per-input and --thinned-copies cannot be combined");
        }
        int[] directions = signDirections(features);
        PrintStream err = System.err;
        if (worstSourceFpr != null && (sources == null || modelKind != ModelKind.gbt)) {
            throw new ParameterException(spec.commandLine(), "--worst-source-fpr needs --sources and --model-kind gbt");
        }
        LabelledFlows flows = labels.load(sets, features, flowOptions.settings(), err);
        sourceGroups = sources == null ? null : LeaveOneGroupOutRun.read(sources, flows.inputNames());
        Dataset data = flows.dataset();
        TrainingCopies copies = thinnedCopies(flows, sets, features, err);
        double[] logScale = null;
        if (logTransform) {
            // Scales come from the data's magnitudes only (no labels), so fitting them on all flows leaks nothing.
            logScale = LogScale.fit(data.rows(), data.featureCount());
            data = data.withRows(LogScale.apply(data.rows(), logScale));
            copies = copies.withRows(LogScale.apply(copies.rows().rows(), logScale));
        }
        if (leaveOneGroupOut != null) {
            return LeaveOneGroupOutRun.run(this, flows, data, logScale, directions, setName, err);
        }
        // Rows of data that remain, as rows of flows (packet and byte counts are looked up there).
        int[] flowRows = java.util.stream.IntStream.range(0, data.size()).toArray();
        if (maxMaliciousPerInput != null) {
            flowRows = GroupCap.keep(data.labels(), data.groups(), Dataset.MALICIOUS, maxMaliciousPerInput, seed);
            err.printf("at most %d malicious flows per input: %d of %d malicious flows kept (%d benign)%n",
                    maxMaliciousPerInput, data.subset(flowRows).countMalicious(), data.countMalicious(), data.countBenign());
            data = data.subset(flowRows);
            copies = TrainingCopies.none(features);
        }
        if (data.countMalicious() < folds || data.countBenign() < folds) {
            throw new InputException(String.format(
                    "need at least %d flows of each class for %d-fold CV (have %d benign, %d malicious)",
                    folds, folds, data.countBenign(), data.countMalicious()));
        }
        StratifiedSplit.Split split;
        Dataset train;
        Dataset test;
        TrainingCopies trainCopies;
        GridSearch grid = grid().trainer(trainer(directions));
        GridSearch.Outcome outcome;
        try {
            split = splitBy == SplitBy.input
                    ? GroupedSplit.trainTest(data.labels(), data.groups(), testSize, seed)
                    : StratifiedSplit.trainTest(data.labels(), testSize, seed);
            train = data.subset(split.train());
            test = data.subset(split.test());
            // Copies of test flows are left out: their twins are what the test measures.
            trainCopies = copies.of(split.train(), data.size());
            // The splits fail first, with a clear message, when the inputs cannot fill every fold.
            outcome = modelKind == ModelKind.gbt ? null : runGrid(grid, train, trainCopies);
        } catch (IllegalArgumentException e) {
            // The inputs cannot fill the splits or folds: a data problem, not a malformed command line.
            throw new InputException(e.getMessage());
        }
        if (modelKind == ModelKind.gbt) {
            int[] keptRows = flowRows;
            return GbtRun.run(this, flows, data, train, test,
                    Arrays.stream(split.test()).map(i -> keptRows[i]).toArray(), logScale, directions, setName, err);
        }
        if (copies.size() > 0) {
            err.printf("%d thinned copies of training flows fitted on (%d of test flows left out)%n",
                    trainCopies.size(), copies.size() - trainCopies.size());
        }

        Map<String, Object> meta = metadata(flows, data, train, test, outcome);
        meta.put("thinnedCopies", thinnedCopies);
        if (thinnedCopies > 0) {
            meta.put("thinning", thinning);
            meta.put("trainCopyFlows", trainCopies.size());
        }
        LogisticModel model = trainer(directions).train(trainCopies.appendTo(train), outcome.best(), setName, meta);
        double[] outOfFold = operatingPoint == null || operatingPoint.fixed != null ? null
                : grid.outOfFoldProbabilities(train, trainCopies, outcome.best());
        model = model.withThreshold(threshold(train, outOfFold));
        EvaluationResult crossValidated = outOfFold == null ? null
                : Metrics.evaluate(train.labels(), outOfFold, model.threshold());
        double[] testScores = EvaluationCommandSupport.scores(model, test);
        int[] kept = flowRows;
        EvaluationResult testResult = EvaluationCommandSupport.evaluate(model, test, testScores, flows,
                Arrays.stream(split.test()).map(i -> kept[i]).toArray());
        List<InputResults> testInputs = InputResults.of(model, test, testScores, flows.inputNames());
        if (logScale != null) {
            // Training and the test above ran on compressed rows; the saved model compresses raw inputs itself.
            model = model.withLogScale(logScale);
        }
        Map<String, Object> withTest = new LinkedHashMap<>(model.metadata());
        withTest.put("threshold", model.threshold());
        withTest.put("test", testResult);
        model = model.withMetadata(withTest);

        ModelFiles.write(model, output);
        printSummary(outcome, model, crossValidated, testResult, testInputs);
        if (metricsJson != null) {
            Map<String, Object> metrics = metrics(outcome, model, testResult);
            if (crossValidated != null) {
                metrics.put("cv_out_of_fold", crossValidated);
            }
            metrics.put("test_inputs", testInputs.stream().map(InputResults::toMap).toList());
            MetricsReport.writeJson(metrics, metricsJson);
        }
        if (exportDeepfence != null) {
            java.nio.file.Files.createDirectories(exportDeepfence);
            DeepfenceParams.write(model, exportDeepfence);
        }
        return 0;
    }

    /** The sign rules of --monotone-file then --monotone, resolved for these features. */
    private int[] signDirections(String[] features) throws IOException {
        List<SignConstraints.Rule> rules = new ArrayList<>();
        if (knownDirections) {
            for (String f : features) {
                if (org.flowmeter.feature.FeatureSets.directionOf(f) == org.flowmeter.feature.Direction.RAISES_SUSPICION) {
                    rules.add(new SignConstraints.Rule(java.util.regex.Pattern.compile(
                            "^" + java.util.regex.Pattern.quote(f) + "$"), 1));
                }
            }
        }
        try {
            if (monotoneFile != null) {
                rules.addAll(SignConstraints.read(monotoneFile));
            }
            for (String m : monotone) {
                rules.add(SignConstraints.parse(m));
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--monotone: " + e.getMessage());
        }
        return SignConstraints.of(rules).directions(features);
    }

    LogisticTrainer trainer(int[] directions) {
        return new LogisticTrainer().withDirections(directions);
    }

    GridSearch grid() {
        List<GridSearch.ClassWeights> weights = new ArrayList<>();
        for (String w : classWeights) {
            String[] bm = w.split(":");
            try {
                weights.add(new GridSearch.ClassWeights(Double.parseDouble(bm[0]), Double.parseDouble(bm[1])));
            } catch (RuntimeException e) {
                throw new ParameterException(spec.commandLine(), "--class-weights: '" + w + "' is not BENIGN:MALICIOUS");
            }
        }
        List<Penalty> ps = new ArrayList<>();
        for (String p : penalties) {
            try {
                ps.add(Penalty.valueOf(p.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--penalties: '" + p + "' is not l1 or l2");
            }
        }
        GridSearch grid = new GridSearch().classWeights(weights).includeBalanced(!noBalanced).penalties(ps)
                .cs(cs).fitIntercepts(intercepts).folds(folds).seed(seed).splitByGroup(splitBy == SplitBy.input);
        return threads == null ? grid : grid.threads(threads);
    }

    /** The thinned readings' flows that are also flows of the full reading, each tied to its original. */
    private TrainingCopies thinnedCopies(LabelledFlows flows, List<FeatureSet> sets, String[] features, PrintStream err)
            throws IOException {
        if (thinnedCopies == 0) {
            return TrainingCopies.none(features);
        }
        LabelledFlows thinned = labels.loadThinned(sets, features, flowOptions.settings(), thinnedCopies, thinning, err);
        int[] originals = flows.originalsOf(thinned);
        int[] matched = new int[originals.length];
        int n = 0;
        for (int i = 0; i < originals.length; i++) {
            if (originals[i] >= 0) {
                matched[n++] = i;
            }
        }
        matched = Arrays.copyOf(matched, n);
        int[] copyOf = new int[n];
        for (int i = 0; i < n; i++) {
            copyOf[i] = originals[matched[i]];
        }
        // A flow the thinned reading cut otherwise (another flow's eviction) has no twin to follow.
        err.printf("%d flows in %d thinned readings (one flow in %d), %d without their flow in the full reading%n",
                thinned.size(), thinnedCopies, thinning, thinned.size() - n);
        return new TrainingCopies(thinned.dataset().subset(matched), copyOf);
    }

    private GridSearch.Outcome runGrid(GridSearch grid, Dataset train, TrainingCopies copies) {
        if (!Progress.wanted(progress)) {
            return grid.run(train, copies);
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("grid").setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer(System.err))
                .setInitialMax(1).build()) {
            return grid.progress((done, total) -> {
                bar.maxHint(total);
                bar.stepTo(done);
            }).run(train, copies);
        }
    }

    /**
     * The operating point is read off cross-validated scores: in-sample scores of the final model
     * are optimistic, so a threshold set on them lets through more false positives on new data.
     */
    double threshold(Dataset train, double[] scores) {
        if (operatingPoint == null) {
            return LogisticModel.DEFAULT_THRESHOLD;
        }
        if (operatingPoint.fixed != null) {
            return operatingPoint.fixed;
        }
        return operatingPoint.recall != null
                ? Metrics.thresholdForRecall(train.labels(), scores, operatingPoint.recall)
                : Metrics.thresholdForFpr(train.labels(), scores, operatingPoint.fpr);
    }

    private Map<String, Object> metadata(LabelledFlows flows, Dataset data, Dataset train, Dataset test,
                                         GridSearch.Outcome outcome) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> inputs = new LinkedHashMap<>();
        flows.perInput().forEach((k, v) -> inputs.put(k, Map.of("benign", v[0], "malicious", v[1])));
        m.put("inputs", inputs);
        m.put("flows", data.size());
        m.put("droppedFlows", flows.dropped());
        m.put("trainFlows", train.size());
        m.put("testFlows", test.size());
        m.put("testSize", testSize);
        m.put("seed", seed);
        m.put("folds", folds);
        m.put("splitBy", splitBy.name());
        GridSearch.Result best = outcome.results().get(0);
        m.put("cvRocAucMean", best.meanAuc());
        m.put("cvRocAucStd", best.stdAuc());
        m.put("gridCandidates", outcome.results().size());
        m.put("date", Instant.now().toString());
        m.put("tool", new VersionProvider().getVersion()[0]);
        return m;
    }

    private void printSummary(GridSearch.Outcome outcome, LogisticModel model, EvaluationResult crossValidated,
                              EvaluationResult test, List<InputResults> testInputs) {
        PrintStream out = System.out;
        out.println("best grid candidates (mean ± std ROC AUC over " + folds + " folds of the training split):");
        for (GridSearch.Result r : outcome.results().subList(0, Math.min(5, outcome.results().size()))) {
            out.printf(Locale.ROOT, "  %.4f ± %.4f  %s%n", r.meanAuc(), r.stdAuc(), r.hyper());
        }
        if (crossValidated != null) {
            // Every training row scored by the fold model that did not see it (with --split-by input:
            // by a model that never saw its capture); the threshold was chosen on these same scores.
            out.println("cross-validated scores of the training split (each row scored by the fold that left it out):");
            out.print(MetricsReport.table(crossValidated, model.threshold()));
        }
        out.println("held-out test split:");
        out.print(MetricsReport.table(test, model.threshold()));
        InputResults.printWorst(out, "test inputs with the most errors:", testInputs);
        out.println("model written to " + output);
    }

    private Map<String, Object> metrics(GridSearch.Outcome outcome, LogisticModel model, EvaluationResult test) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> grid = new ArrayList<>();
        for (GridSearch.Result r : outcome.results()) {
            Map<String, Object> row = new LinkedHashMap<>(r.hyper().toMap());
            row.put("cv_roc_auc_mean", r.meanAuc());
            row.put("cv_roc_auc_std", r.stdAuc());
            grid.add(row);
        }
        m.put("best", outcome.best().toMap());
        m.put("cv_roc_auc_mean", outcome.bestMeanAuc());
        m.put("threshold", model.threshold());
        m.put("test", test);
        m.put("grid", grid);
        return m;
    }
}
