package org.flowmeter.training;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.flowmeter.engine.DataException;
import org.flowmeter.engine.OptionException;
import org.flowmeter.labels.LabelledFlows;
import org.flowmeter.model.Dataset;
import org.flowmeter.model.EvaluationResult;
import org.flowmeter.model.FlowModel;
import org.flowmeter.model.GridSearch;
import org.flowmeter.model.GroupCap;
import org.flowmeter.model.GroupedSplit;
import org.flowmeter.model.Hyper;
import org.flowmeter.model.LogScale;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.model.LogisticTrainer;
import org.flowmeter.model.Metrics;
import org.flowmeter.model.StratifiedSplit;
import org.flowmeter.model.TrainingCopies;

/**
 * train's recipe, whatever the front end: labelled flows and {@link TrainingSettings} in, a model
 * and its {@link TrainingReport} out. The rows are log-compressed (when asked), split into a
 * training and a held-out test part, the logistic regression's grid (class weights x C x penalty x
 * intercept) is searched by stratified k-fold ROC AUC on the training part, or trees are fitted
 * there; the threshold is read off the cross-validated scores when asked, and the test part
 * measures the result. The same rows and settings give the same model, bit for bit.
 */
public final class ModelTraining {
    private ModelTraining() {
    }

    /** Fits one model on {@code data} and measures it on its held-out part. */
    public static TrainingResult train(TrainingData data, TrainingSettings settings, TrainingLog log) throws IOException {
        PreparedData prepared = prepare(data, settings, log);
        LabelledFlows flows = data.flows();
        Dataset rows = prepared.data();
        TrainingCopies copies = prepared.copies();
        // Rows of the data that remain, as rows of flows (packet and byte counts are looked up there).
        int[] flowRows = IntStream.range(0, rows.size()).toArray();
        if (settings.maxMaliciousPerInput() != null) {
            flowRows = GroupCap.keep(rows.labels(), rows.groups(), Dataset.MALICIOUS, settings.maxMaliciousPerInput(),
                    settings.seed());
            log.note(String.format("at most %d malicious flows per input: %d of %d malicious flows kept (%d benign)",
                    settings.maxMaliciousPerInput(), rows.subset(flowRows).countMalicious(), rows.countMalicious(),
                    rows.countBenign()));
            rows = rows.subset(flowRows);
            copies = TrainingCopies.none(rows.featureNames());
        }
        int folds = settings.folds();
        if (rows.countMalicious() < folds || rows.countBenign() < folds) {
            throw new DataException(String.format("need at least %d flows of each class for %d-fold CV (have %d benign,"
                    + " %d malicious)", folds, folds, rows.countBenign(), rows.countMalicious()));
        }
        StratifiedSplit.Split split;
        Dataset train;
        Dataset test;
        TrainingCopies trainCopies;
        LogisticTrainer trainer = logisticTrainer(prepared.directions());
        GridSearch grid = gridSearch(settings).trainer(trainer);
        GridSearch.Outcome outcome;
        try {
            split = settings.splitBy() == SplitBy.input
                    ? GroupedSplit.trainTest(rows.labels(), rows.groups(), settings.testSize(), settings.seed())
                    : StratifiedSplit.trainTest(rows.labels(), settings.testSize(), settings.seed());
            train = rows.subset(split.train());
            test = rows.subset(split.test());
            // Copies of test flows are left out: their twins are what the test measures.
            trainCopies = copies.of(split.train(), rows.size());
            // The splits fail first, with a clear message, when the inputs cannot fill every fold.
            outcome = settings.modelKind() == ModelKind.gbt ? null : searchGrid(grid, train, trainCopies, log);
        } catch (OptionException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // The inputs cannot fill the splits or folds: a data problem, not a malformed option.
            throw new DataException(e.getMessage());
        }
        int[] kept = flowRows;
        int[] testFlowRows = Arrays.stream(split.test()).map(i -> kept[i]).toArray();
        Fitted fitted;
        if (settings.modelKind() == ModelKind.gbt) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("flows", rows.size());
            meta.put("trainFlows", train.size());
            meta.put("testFlows", test.size());
            meta.put("seed", settings.seed());
            meta.put("folds", folds);
            meta.put("splitBy", settings.splitBy().name());
            meta.put("tool", Tool.name());
            try {
                fitted = GbtFit.fitWithThreshold(settings, train, prepared.directions(), data.featureSet(), meta, true,
                        sourceGroups(settings, flows));
            } catch (IllegalArgumentException e) {
                throw new DataException(e.getMessage());
            }
        } else {
            if (copies.size() > 0) {
                log.note(String.format("%d thinned copies of training flows fitted on (%d of test flows left out)",
                        trainCopies.size(), copies.size() - trainCopies.size()));
            }
            Map<String, Object> meta = metadata(flows, rows, train, test, outcome, settings);
            meta.put("thinnedCopies", settings.thinnedCopies());
            if (settings.thinnedCopies() > 0) {
                meta.put("thinning", settings.thinning());
                meta.put("trainCopyFlows", trainCopies.size());
            }
            LogisticModel model = trainer.train(trainCopies.appendTo(train), outcome.best(), data.featureSet(), meta);
            double[] outOfFold = settings.operatingPoint().needsOutOfFoldScores()
                    ? grid.outOfFoldProbabilities(train, trainCopies, outcome.best()) : null;
            fitted = new Fitted(model.withThreshold(settings.operatingPoint().threshold(train.labels(), outOfFold)),
                    outOfFold);
        }
        FlowModel model = fitted.model();
        EvaluationResult crossValidated = fitted.outOfFold() == null ? null
                : Metrics.evaluate(train.labels(), fitted.outOfFold(), model.threshold());
        double[] testScores = Evaluation.scores(model, test);
        EvaluationResult testResult = Evaluation.evaluate(model, test, testScores, flows, testFlowRows);
        List<InputResults> testInputs = InputResults.of(model, test, testScores, flows.inputNames());
        if (prepared.logScale() != null) {
            // Training and the test above ran on compressed rows; the saved model compresses raw inputs itself.
            model = model.withLogScale(prepared.logScale());
        }
        Map<String, Object> withTest = new LinkedHashMap<>(model.metadata());
        withTest.put("threshold", model.threshold());
        withTest.put("test", testResult);
        model = model.withMetadata(withTest);
        TrainingReport report = new TrainingReport(settings.modelKind(), folds, outcome,
                settings.modelKind() == ModelKind.gbt ? settings.gbt().params() : null, model.threshold(),
                crossValidated, testResult, testInputs, fitted.worstSources());
        return new TrainingResult(model, report);
    }

    /**
     * The rows as every fit sees them: thinned copies matched to their originals, log compression
     * (its scales come from the data's magnitudes only, no labels, so fitting them on all flows
     * leaks nothing), and the sign direction of every feature.
     */
    public static PreparedData prepare(TrainingData data, TrainingSettings settings, TrainingLog log) throws IOException {
        String[] features = data.flows().featureNames();
        int[] directions = settings.signRules().directions(features);
        Dataset rows = data.flows().dataset();
        TrainingCopies copies = thinnedCopies(data, settings, log);
        double[] logScale = null;
        if (settings.logTransform()) {
            logScale = LogScale.fit(rows.rows(), rows.featureCount());
            rows = rows.withRows(LogScale.apply(rows.rows(), logScale));
            copies = copies.withRows(LogScale.apply(copies.rows().rows(), logScale));
        }
        return new PreparedData(rows, copies, logScale, directions);
    }

    /**
     * One fit of the recipe on a training part, with its operating point: the grid (skipped when
     * it has one candidate) or the trees, and the threshold read off the cross-validated scores.
     */
    public static FlowModel fit(TrainingSettings settings, Dataset train, int[] directions, String featureSet) {
        return fit(settings, train, directions, featureSet, null);
    }

    /**
     * As above, {@code sources} the groups of {@code --sources} ({@link #sourceGroups}) that
     * {@code --worst-source-fpr} raises the threshold by (null without it).
     */
    public static FlowModel fit(TrainingSettings settings, Dataset train, int[] directions, String featureSet,
                                InputGroups sources) {
        if (settings.modelKind() == ModelKind.gbt) {
            return GbtFit.fitWithThreshold(settings, train, directions, featureSet, null, false, sources).model();
        }
        LogisticTrainer trainer = logisticTrainer(directions);
        GridSearch grid = gridSearch(settings).trainer(trainer);
        List<Hyper> candidates = grid.candidates(train);
        Hyper best = candidates.size() == 1 ? candidates.get(0) : grid.run(train).best();
        LogisticModel model = trainer.train(train, best, featureSet, Map.of());
        double[] outOfFold = settings.operatingPoint().needsOutOfFoldScores()
                ? grid.outOfFoldProbabilities(train, TrainingCopies.none(train.featureNames()), best) : null;
        return model.withThreshold(settings.operatingPoint().threshold(train.labels(), outOfFold));
    }

    /** The groups of {@link TrainingSettings#sources()} among the inputs of {@code flows}; null without the option. */
    public static InputGroups sourceGroups(TrainingSettings settings, LabelledFlows flows) throws IOException {
        return settings.sources() == null ? null : InputGroups.read(settings.sources(), flows.inputNames());
    }

    /**
     * A model and the cross-validated scores its threshold was read off (null when none were
     * needed), and the benign sources that raised it (null without --worst-source-fpr).
     */
    record Fitted(FlowModel model, double[] outOfFold, WorstSources worstSources) {
        Fitted(FlowModel model, double[] outOfFold) {
            this(model, outOfFold, null);
        }
    }

    static GridSearch gridSearch(TrainingSettings settings) {
        return settings.grid().search(settings.folds(), settings.seed(), settings.splitBy() == SplitBy.input,
                settings.threads());
    }

    private static LogisticTrainer logisticTrainer(int[] directions) {
        return new LogisticTrainer().withDirections(directions);
    }

    private static GridSearch.Outcome searchGrid(GridSearch grid, Dataset train, TrainingCopies copies, TrainingLog log) {
        return log.grid(progress -> grid.progress(progress).run(train, copies));
    }

    /** The thinned readings' flows that are also flows of the full reading, each tied to its original. */
    private static TrainingCopies thinnedCopies(TrainingData data, TrainingSettings settings, TrainingLog log) {
        LabelledFlows flows = data.flows();
        LabelledFlows thinned = data.thinned();
        if (settings.thinnedCopies() == 0 || thinned == null) {
            return TrainingCopies.none(flows.featureNames());
        }
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
        log.note(String.format("%d flows in %d thinned readings (one flow in %d), %d without their flow in the full reading",
                thinned.size(), settings.thinnedCopies(), settings.thinning(), thinned.size() - n));
        return new TrainingCopies(thinned.dataset().subset(matched), copyOf);
    }

    private static Map<String, Object> metadata(LabelledFlows flows, Dataset data, Dataset train, Dataset test,
                                                GridSearch.Outcome outcome, TrainingSettings settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> inputs = new LinkedHashMap<>();
        flows.perInput().forEach((k, v) -> {
            // Insertion order (not Map.of's, which changes from run to run): the same inputs give the same file.
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("benign", v[0]);
            counts.put("malicious", v[1]);
            inputs.put(k, counts);
        });
        m.put("inputs", inputs);
        m.put("flows", data.size());
        m.put("droppedFlows", flows.dropped());
        m.put("trainFlows", train.size());
        m.put("testFlows", test.size());
        m.put("testSize", settings.testSize());
        m.put("seed", settings.seed());
        m.put("folds", settings.folds());
        m.put("splitBy", settings.splitBy().name());
        GridSearch.Result best = outcome.results().get(0);
        m.put("cvRocAucMean", best.meanAuc());
        m.put("cvRocAucStd", best.stdAuc());
        m.put("gridCandidates", outcome.results().size());
        m.put("date", Instant.now().toString());
        m.put("tool", Tool.name());
        return m;
    }
}
