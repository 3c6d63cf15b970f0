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

  public LogisticTrainer() {
    this(DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS, DEFAULT_SEED);
  }

  public LogisticTrainer(double tolerance, int maxIterations, long seed) {
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("tolerance must be positive, is " + tolerance);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be at least 1, is " + maxIterations);
    }
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
    this.seed = seed;
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
   * holds the training sizes, hyper-parameters and date, followed by {@code extraMetadata}.
   */
  public LogisticModel train(Dataset train, Hyper hyper, String featureSet, Map<String, Object> extraMetadata) {
    StandardScaler scaler = StandardScaler.fit(train.rows());
    Coefficients fit = fitScaled(scaler.transform(train.rows()), train.labels(), hyper);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("trainingRows", train.size());
    metadata.put("trainingMalicious", train.countMalicious());
    metadata.put("trainingBenign", train.countBenign());
    metadata.put("hyperParameters", hyper.toMap());
    metadata.put("solver", "liblinear " + (hyper.penalty() == Penalty.L1 ? "L1R_LR" : "L2R_LR"));
    metadata.put("tolerance", tolerance);
    metadata.put("trainedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    if (extraMetadata != null) {
      metadata.putAll(extraMetadata);
    }
    return new LogisticModel(featureSet, train.featureNames(), scaler.mean(), scaler.std(),
        fit.weights(), fit.intercept(), LogisticModel.DEFAULT_THRESHOLD, metadata);
  }

  public LogisticModel train(Dataset train, Hyper hyper, String featureSet) {
    return train(train, hyper, featureSet, null);
  }

  /** Fits on rows that are already standardised; both classes must be present. */
  public Coefficients fitScaled(double[][] scaled, int[] labels, Hyper hyper) {
    if (scaled.length != labels.length) {
      throw new IllegalArgumentException("rows and labels differ in length");
    }
    if (scaled.length == 0) {
      throw new IllegalArgumentException("no training rows");
    }
    requireBothClasses(labels);
    int d = scaled[0].length;
    Problem problem = toProblem(scaled, labels, hyper.fitIntercept());

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
  private static Problem toProblem(double[][] scaled, int[] labels, boolean withBias) {
    int d = scaled[0].length;
    Problem problem = new Problem();
    problem.l = scaled.length;
    problem.n = withBias ? d + 1 : d;
    problem.bias = -1;
    problem.y = new double[scaled.length];
    problem.x = new Feature[scaled.length][];
    for (int i = 0; i < scaled.length; i++) {
      problem.y[i] = labels[i];
      problem.x[i] = toFeatures(scaled[i], withBias);
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

  private static void requireBothClasses(int[] labels) {
    boolean benign = false;
    boolean malicious = false;
    for (int l : labels) {
      benign |= l == Dataset.BENIGN;
      malicious |= l == Dataset.MALICIOUS;
    }
    if (!benign || !malicious) {
      throw new IllegalArgumentException("training data needs both benign and malicious rows");
    }
  }
}
