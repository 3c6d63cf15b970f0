package org.flowmeter.model;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Fits class-weighted L1 or L2 logistic regression with liblinear, the solver scikit-learn uses
 * for {@code LogisticRegression(solver="liblinear")}. Features are standardised first.
 *
 * <p>Thread-safe: each fit uses its own seeded random source, so results do not depend on the
 * order or concurrency of fits.
 */
public final class LogisticTrainer {
    /** scikit-learn's default {@code tol}. */
    public static final double DEFAULT_TOLERANCE = 1e-4;
    /** liblinear's own default iteration limit. */
    public static final int DEFAULT_MAX_ITERATIONS = 1000;
    public static final long DEFAULT_SEED = 1L;

    static {
        Linear.disableDebugOutput();
    }

    private final double tolerance;
    private final int maxIterations;
    private final long seed;
    /** Per feature: +1 weight at least 0, -1 at most 0, 0 free; null when no weight is bounded. */
    private final int[] directions;

    public LogisticTrainer() {
        this(DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, DEFAULT_SEED);
    }

    public LogisticTrainer(double tolerance, int maxIterations, long seed) {
        this(tolerance, maxIterations, seed, null);
    }

    private LogisticTrainer(double tolerance, int maxIterations, long seed, int[] directions) {
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be positive, is " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, is " + maxIterations);
        }
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.seed = seed;
        this.directions = directions == null || !SignConstraints.anyConstrained(directions) ? null : directions.clone();
    }

    /**
     * A trainer whose weights keep the given signs (+1: at least 0, -1: at most 0, 0: free, one
     * per feature). liblinear has no bounds, so constrained fits use {@link BoundedLogisticSolver}
     * (the same objective); with every direction 0 this is liblinear again.
     */
    public LogisticTrainer withDirections(int[] signs) {
        return new LogisticTrainer(tolerance, maxIterations, seed, signs);
    }

    /** The sign of each weight, or null when none is constrained. */
    public int[] directions() {
        return directions == null ? null : directions.clone();
    }

    public double tolerance() {
        return tolerance;
    }

    public int maxIterations() {
        return maxIterations;
    }

    /** Weights on standardised features plus the intercept (0 without one). */
    public record Coefficients(double[] weights, double intercept) {}

    /**
     * Standardises the training data, fits, and returns a model with threshold 0.5 whose metadata
     * holds the training sizes, hyper-parameters, solver, date and (when packaged) tool version,
     * followed by {@code extraMetadata} - the place for a training-data description or CV score.
     */
    public LogisticModel train(Dataset train, Hyper hyper, String featureSet, Map<String, Object> extraMetadata) {
        StandardScaler scaler = StandardScaler.fit(train.rows());
        int[] all = IntStream.range(0, train.size()).toArray();
        Coefficients fit = fit(train.rows(), train.labels(), all, scaler, hyper);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("trainingRows", train.size());
        metadata.put("trainingMalicious", train.countMalicious());
        metadata.put("trainingBenign", train.countBenign());
        metadata.put("hyperParameters", hyper.toMap());
        if (directions == null) {
            metadata.put("solver", "liblinear " + (hyper.penalty() == Penalty.L1 ? "L1R_LR" : "L2R_LR"));
        } else {
            metadata.put("solver", "projected Newton " + (hyper.penalty() == Penalty.L1 ? "L1" : "L2") + ", sign-constrained");
            metadata.put("signConstraints", signMap(train.featureNames()));
        }
        metadata.put("tolerance", tolerance);
        metadata.put("trainedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        String version = LogisticTrainer.class.getPackage().getImplementationVersion();
        if (version != null) {
            metadata.put("toolVersion", version);
        }
        if (extraMetadata != null) {
            metadata.putAll(extraMetadata);
        }
        return new LogisticModel(featureSet, train.featureNames(), scaler.mean(), scaler.std(),
                fit.weights(), fit.intercept(), LogisticModel.DEFAULT_THRESHOLD, metadata);
    }

    private Map<String, Object> signMap(String[] names) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int j = 0; j < names.length; j++) {
            if (directions[j] != 0) {
                m.put(names[j], directions[j] > 0 ? "+" : "-");
            }
        }
        return m;
    }

    public LogisticModel train(Dataset train, Hyper hyper, String featureSet) {
        return train(train, hyper, featureSet, null);
    }

    /** Fits on rows that are already standardised; both classes must be present. */
    public Coefficients fitScaled(double[][] scaled, int[] labels, Hyper hyper) {
        if (scaled.length != labels.length) {
            throw new IllegalArgumentException("rows and labels differ in length");
        }
        int[] all = IntStream.range(0, scaled.length).toArray();
        return fit(scaled, labels, all, null, hyper);
    }

    /**
     * Fits on the selected rows, standardising each on the fly with {@code scaler} (null: rows are
     * already standardised) so that cross-validation needs no scaled copy of every fold.
     */
    Coefficients fit(double[][] rows, int[] labels, int[] selected, StandardScaler scaler, Hyper hyper) {
        if (selected.length == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        int d = rows[selected[0]].length;
        if (directions != null) {
            if (directions.length != d) {
                throw new IllegalArgumentException("sign constraints name " + directions.length + " features, data has " + d);
            }
            double[][] bounds = SignConstraints.bounds(directions);
            // The solver's tolerance is relative to the starting gradient, as liblinear's is.
            return new BoundedLogisticSolver(Math.min(tolerance, 1e-6), Math.max(maxIterations, 200))
                    .fit(rows, labels, selected, scaler, hyper, bounds[0], bounds[1]);
        }
        Problem problem = toProblem(rows, labels, selected, scaler, hyper.fitIntercept());

        SolverType solver = hyper.penalty() == Penalty.L1 ? SolverType.L1R_LR : SolverType.L2R_LR;
        Parameter parameter = new Parameter(solver, hyper.c(), tolerance, maxIterations, 0.1);
        parameter.setWeights(new double[] {hyper.weightBenign(), hyper.weightMalicious()},
                new int[] {Dataset.BENIGN, Dataset.MALICIOUS});
        parameter.setRandom(new Random(seed));
        Model model = Linear.train(problem, parameter);

        // liblinear orients the binary decision towards its first label (the first one it saw).
        double sign = model.getLabels()[0] == Dataset.MALICIOUS ? 1 : -1;
        double[] w = model.getFeatureWeights();
        double[] weights = new double[d];
        for (int j = 0; j < d; j++) {
            weights[j] = sign * w[j];
        }
        double intercept = hyper.fitIntercept() ? sign * w[d] : 0.0;
        return new Coefficients(weights, intercept);
    }

    /**
     * liblinear's own {@code Problem.bias} yields a zero intercept in this version, so the intercept
     * is an explicit constant feature of value 1 - which is also how scikit-learn's liblinear path
     * works (intercept_scaling = 1; the intercept is regularised like any weight).
     */
    private static Problem toProblem(double[][] rows, int[] labels, int[] selected, StandardScaler scaler,
            boolean withBias) {
        int d = rows[selected[0]].length;
        Problem problem = new Problem();
        problem.l = selected.length;
        problem.n = withBias ? d + 1 : d;
        problem.bias = -1;
        problem.y = new double[selected.length];
        problem.x = new Feature[selected.length][];
        double[] scaled = new double[d];
        boolean benign = false;
        boolean malicious = false;
        for (int i = 0; i < selected.length; i++) {
            int label = labels[selected[i]];
            benign |= label == Dataset.BENIGN;
            malicious |= label == Dataset.MALICIOUS;
            problem.y[i] = label;
            double[] row = rows[selected[i]];
            if (scaler != null) {
                scaler.transformInto(row, scaled);
                row = scaled;
            }
            problem.x[i] = toFeatures(row, withBias);
        }
        if (!benign || !malicious) {
            throw new IllegalArgumentException("training data needs both benign and malicious rows");
        }
        return problem;
    }

    private static Feature[] toFeatures(double[] row, boolean withBias) {
        int nonZero = 0;
        for (double v : row) {
            if (v != 0) {
                nonZero++;
            }
        }
        // liblinear is sparse: zeros may be left out, which keeps large training sets smaller.
        Feature[] features = new Feature[nonZero + (withBias ? 1 : 0)];
        int k = 0;
        for (int j = 0; j < row.length; j++) {
            if (row[j] != 0) {
                features[k++] = new FeatureNode(j + 1, row[j]);
            }
        }
        if (withBias) {
            features[k] = new FeatureNode(row.length + 1, 1.0);
        }
        return features;
    }
}
