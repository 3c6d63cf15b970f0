package org.flowmeter.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Exhaustive search over class weights, penalty, C and intercept, each candidate scored by the
 * mean ROC AUC of stratified k-fold cross-validation (or of grouped folds that keep each input
 * whole, {@link #splitByGroup}). The scaler is fitted on each training fold
 * only. Fits run in parallel; results do not depend on the number of threads.
 *
 * <p>The default grid is the one of Deepfence's training notebook: five fixed class weightings,
 * the inverse-frequency ("balanced") weighting, L1 and L2, C in 0.1..0.9, with and without an
 * intercept. Unlike scikit-learn, which recomputes balanced weights on each training fold, the
 * balanced weights are computed once on the whole data; stratified folds keep the class ratio,
 * so the difference is negligible and the best candidate can be refitted with the same numbers.
 */
public final class GridSearch {
    /** Loss weights of benign (label 0) and malicious (label 1) rows. */
    public record ClassWeights(double benign, double malicious) {}

    /** The notebook's five fixed weightings. */
    public static final List<ClassWeights> REFERENCE_CLASS_WEIGHTS = List.of(
            new ClassWeights(0.10, 99.90), new ClassWeights(0.25, 99.75), new ClassWeights(0.5, 99.5),
            new ClassWeights(0.75, 99.25), new ClassWeights(1, 99));
    public static final List<Double> REFERENCE_CS = List.of(0.1, 0.3, 0.5, 0.7, 0.9);
    public static final int DEFAULT_FOLDS = 10;
    public static final long DEFAULT_SEED = 42L;

    /** Receives (finished fits, all fits); called in increasing order, from worker threads. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);
    }

    /** One candidate: mean and population standard deviation of its per-fold ROC AUCs. */
    public record Result(Hyper hyper, double meanAuc, double stdAuc, double[] foldAucs) {}

    /** All candidates, best first, and the best hyper-parameters. */
    public record Outcome(List<Result> results, Hyper best, double bestMeanAuc) {}

    private List<ClassWeights> classWeights = REFERENCE_CLASS_WEIGHTS;
    private boolean includeBalanced = true;
    private List<Penalty> penalties = List.of(Penalty.L1, Penalty.L2);
    private List<Double> cs = REFERENCE_CS;
    private List<Boolean> fitIntercepts = List.of(true, false);
    private int folds = DEFAULT_FOLDS;
    private long seed = DEFAULT_SEED;
    private int threads = Runtime.getRuntime().availableProcessors();
    private boolean byGroup;
    private LogisticTrainer trainer = new LogisticTrainer();
    private Progress progress = (done, total) -> {};

    public GridSearch classWeights(List<ClassWeights> weights) {
        this.classWeights = List.copyOf(weights);
        return this;
    }

    /** Whether to add the inverse-frequency weights n / (2 n_c) to the class weightings. */
    public GridSearch includeBalanced(boolean include) {
        this.includeBalanced = include;
        return this;
    }

    public GridSearch penalties(List<Penalty> values) {
        this.penalties = List.copyOf(values);
        return this;
    }

    public GridSearch cs(List<Double> values) {
        this.cs = List.copyOf(values);
        return this;
    }

    public GridSearch fitIntercepts(List<Boolean> values) {
        this.fitIntercepts = List.copyOf(values);
        return this;
    }

    public GridSearch folds(int k) {
        if (k < 2) {
            throw new IllegalArgumentException("need at least 2 folds, got " + k);
        }
        this.folds = k;
        return this;
    }

    /** Seeds the fold shuffle. */
    public GridSearch seed(long value) {
        this.seed = value;
        return this;
    }

    /**
     * Whether folds keep each group of rows (each input) whole, so every candidate is scored on
     * inputs it was not fitted on ({@link GroupedSplit}); needs a dataset with groups.
     */
    public GridSearch splitByGroup(boolean value) {
        this.byGroup = value;
        return this;
    }

    public GridSearch threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least 1 thread, got " + count);
        }
        this.threads = count;
        return this;
    }

    public GridSearch trainer(LogisticTrainer value) {
        this.trainer = Objects.requireNonNull(value);
        return this;
    }

    public GridSearch progress(Progress callback) {
        this.progress = Objects.requireNonNull(callback);
        return this;
    }

    /** The candidates for this data, in grid order (class weights, penalty, C, intercept). */
    public List<Hyper> candidates(Dataset data) {
        List<ClassWeights> weights = new ArrayList<>(classWeights);
        if (includeBalanced) {
            weights.add(balanced(data));
        }
        List<Hyper> grid = new ArrayList<>();
        for (ClassWeights w : weights) {
            for (Penalty p : penalties) {
                for (double c : cs) {
                    for (boolean intercept : fitIntercepts) {
                        grid.add(new Hyper(p, c, w.benign(), w.malicious(), intercept));
                    }
                }
            }
        }
        return grid;
    }

    /** scikit-learn's class_weight="balanced": n / (2 n_c). */
    public static ClassWeights balanced(Dataset data) {
        int benign = data.countBenign();
        int malicious = data.countMalicious();
        if (benign == 0 || malicious == 0) {
            throw new IllegalArgumentException("balanced weights need both classes");
        }
        return new ClassWeights(data.size() / (2.0 * benign), data.size() / (2.0 * malicious));
    }

    public Outcome run(Dataset data) {
        return run(data, TrainingCopies.none(data.featureNames()));
    }

    /**
     * Runs the grid on {@code data}, fitting every fold also on the copies of its fitting rows;
     * folds are drawn and scored on {@code data} alone. Balanced weights count the copies too,
     * since they are fitted on.
     */
    public Outcome run(Dataset data, TrainingCopies copies) {
        Dataset fitted = copies.appendTo(data);
        List<Hyper> grid = candidates(fitted);
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("the grid is empty");
        }
        List<StratifiedSplit.Split> splits = widenedSplits(data, copies);
        List<StandardScaler> scalers = new ArrayList<>();
        for (StratifiedSplit.Split split : splits) {
            scalers.add(StandardScaler.fit(fitted.subset(split.train()).rows()));
        }

        int total = grid.size() * folds;
        double[][] aucs = new double[grid.size()][folds];
        ProgressCounter counter = new ProgressCounter(total);
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread t = new Thread(runnable, "grid-search");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(total);
            for (int g = 0; g < grid.size(); g++) {
                for (int f = 0; f < folds; f++) {
                    int candidate = g;
                    int fold = f;
                    futures.add(pool.submit(() -> {
                        aucs[candidate][fold] = foldAuc(fitted, grid.get(candidate), splits.get(fold), scalers.get(fold));
                        counter.increment();
                    }));
                }
            }
            for (Future<?> future : futures) {
                await(future);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Result> results = new ArrayList<>();
        for (int g = 0; g < grid.size(); g++) {
            results.add(new Result(grid.get(g), mean(aucs[g]), populationStd(aucs[g]), aucs[g]));
        }
        // Stable sort: among equal scores the earlier grid entry wins, independent of threading.
        results.sort(Comparator.comparingDouble(Result::meanAuc).reversed());
        Result best = results.get(0);
        return new Outcome(List.copyOf(results), best.hyper(), best.meanAuc());
    }

    private List<StratifiedSplit.Split> widenedSplits(Dataset data, TrainingCopies copies) {
        List<StratifiedSplit.Split> out = new ArrayList<>();
        for (StratifiedSplit.Split split : splits(data)) {
            out.add(copies.widen(split, data.size()));
        }
        return out;
    }

    /** The folds of {@link #run}: stratified, or grouped when {@link #splitByGroup} is set. */
    public List<StratifiedSplit.Split> splits(Dataset data) {
        if (!byGroup) {
            return StratifiedSplit.kFold(data.labels(), folds, seed);
        }
        if (data.groups() == null) {
            throw new IllegalArgumentException("a split by input needs to know each row's input");
        }
        return GroupedSplit.kFold(data.labels(), data.groups(), folds, seed);
    }

    /**
     * Each row's probability of being malicious from the fold model that did not see it, for
     * {@code hyper} and the folds of {@link #run}: scores that behave like those of new data,
     * where in-sample scores are optimistic. Operating thresholds are chosen on these.
     */
    public double[] outOfFoldProbabilities(Dataset data, Hyper hyper) {
        return outOfFoldProbabilities(data, TrainingCopies.none(data.featureNames()), hyper);
    }

    /** As {@link #outOfFoldProbabilities(Dataset, Hyper)}, each fold model also fitted on the copies of its rows. */
    public double[] outOfFoldProbabilities(Dataset data, TrainingCopies copies, Hyper hyper) {
        Dataset fitted = copies.appendTo(data);
        double[] out = new double[data.size()];
        for (StratifiedSplit.Split split : widenedSplits(data, copies)) {
            StandardScaler scaler = StandardScaler.fit(fitted.subset(split.train()).rows());
            double[] z = decisionValues(fitted, hyper, split, scaler);
            int[] test = split.test();
            for (int i = 0; i < test.length; i++) {
                out[test[i]] = 1 / (1 + Math.exp(-z[i]));
            }
        }
        return out;
    }

    private double foldAuc(Dataset data, Hyper hyper, StratifiedSplit.Split split, StandardScaler scaler) {
        int[] test = split.test();
        int[] labels = new int[test.length];
        for (int i = 0; i < test.length; i++) {
            labels[i] = data.label(test[i]);
        }
        // The decision value ranks rows exactly like the probability does.
        return Metrics.rocAuc(labels, decisionValues(data, hyper, split, scaler));
    }

    private double[] decisionValues(Dataset data, Hyper hyper, StratifiedSplit.Split split, StandardScaler scaler) {
        LogisticTrainer.Coefficients fit = trainer.fit(data.rows(), data.labels(), split.train(), scaler, hyper);
        double[] mean = scaler.mean();
        double[] std = scaler.std();
        double[] w = fit.weights();
        int[] test = split.test();
        double[] z = new double[test.length];
        for (int i = 0; i < test.length; i++) {
            double[] row = data.row(test[i]);
            double sum = fit.intercept();
            for (int j = 0; j < w.length; j++) {
                sum += w[j] * ((row[j] - mean[j]) / std[j]);
            }
            z[i] = sum;
        }
        return z;
    }

    private final class ProgressCounter {
        private final int total;
        private int done;

        ProgressCounter(int total) {
            this.total = total;
        }

        synchronized void increment() {
            done++;
            progress.update(done, total);
        }
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("grid search interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double populationStd(double[] values) {
        double m = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - m) * (v - m);
        }
        return Math.sqrt(sum / values.length);
    }
}
