package org.flowmeter.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.flowmeter.model.DeepfenceParams;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.model.Penalty;

/**
 * Class-weighted L1 or L2 logistic regression on Spark ML, exported as our model format. We
 * standardise (population std, scale 1 for constant columns, like the single-machine trainer)
 * so the model file carries means and stds; C has liblinear's meaning and becomes Spark's
 * regularisation as 1 / (C * sum of instance weights).
 */
final class SparkTrainer {
    private static final String FEATURES = "features";
    private static final String WEIGHT = "weight";

    private final Penalty penalty;
    private final List<Double> cValues;
    private final Double weightMalicious;
    private final int folds;
    private final long seed;

    /**
     * @param weightMalicious loss weight of malicious rows relative to benign ones; null: balanced (n / (2 n_c))
     */
    SparkTrainer(Penalty penalty, List<Double> cValues, Double weightMalicious, int folds, long seed) {
        if (cValues.isEmpty()) {
            throw new IllegalArgumentException("no value of C to try");
        }
        this.penalty = penalty;
        this.cValues = List.copyOf(cValues);
        this.weightMalicious = weightMalicious;
        this.folds = folds;
        this.seed = seed;
    }

    /** Fits on a flow table with a {@link Labels#LABEL} column; rows with a missing or non-finite feature are left out. */
    LogisticModel train(Dataset<Row> labelled) {
        String[] names = DeepfenceParams.FEATURES.toArray(new String[0]);
        Dataset<Row> rows = complete(labelled, names).cache();

        Column[] s = statistics(names);
        Row stats = rows.agg(s[0], java.util.Arrays.copyOfRange(s, 1, s.length)).first();
        long n = stats.getLong(0);
        long malicious = (long) stats.getDouble(1);
        if (malicious == 0 || malicious == n) {
            throw new IllegalArgumentException("training data needs both benign and malicious rows");
        }
        double[] mean = new double[names.length];
        double[] std = new double[names.length];
        for (int j = 0; j < names.length; j++) {
            mean[j] = stats.getDouble(2 + 2 * j);
            std[j] = scale(stats.getDouble(3 + 2 * j), mean[j], n);
        }
        double wBenign = weightMalicious == null ? n / (2.0 * (n - malicious)) : 1.0;
        double wMalicious = weightMalicious == null ? n / (2.0 * malicious) : weightMalicious;
        double weightSum = wBenign * (n - malicious) + wMalicious * malicious;

        Dataset<Row> prepared = standardised(rows, names, mean, std)
                .withColumn(WEIGHT, when(col(Labels.LABEL).equalTo(1.0), lit(wMalicious)).otherwise(lit(wBenign)));

        LogisticRegression lr = new LogisticRegression()
                .setFeaturesCol(FEATURES).setLabelCol(Labels.LABEL).setWeightCol(WEIGHT)
                .setStandardization(false).setFitIntercept(true)
                .setElasticNetParam(penalty == Penalty.L1 ? 1.0 : 0.0)
                .setMaxIter(100).setTol(1e-6);
        double[] regParams = cValues.stream().mapToDouble(c -> 1.0 / (c * weightSum)).toArray();
        ParamMap[] grid = new ParamGridBuilder().addGrid(lr.regParam(), regParams).build();
        CrossValidator cv = new CrossValidator()
                .setEstimator(lr).setEstimatorParamMaps(grid)
                .setEvaluator(new BinaryClassificationEvaluator().setLabelCol(Labels.LABEL)
                        .setMetricName("areaUnderROC"))
                .setNumFolds(folds).setSeed(seed).setParallelism(2);
        CrossValidatorModel fitted = cv.fit(prepared);
        LogisticRegressionModel best = (LogisticRegressionModel) fitted.bestModel();
        rows.unpersist();

        double[] auc = fitted.avgMetrics();
        int bestIndex = 0;
        for (int i = 1; i < auc.length; i++) {
            if (auc[i] > auc[bestIndex]) {
                bestIndex = i;
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("trainingRows", n);
        metadata.put("trainingMalicious", malicious);
        metadata.put("trainingBenign", n - malicious);
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("penalty", penalty.name());
        hyper.put("C", cValues.get(bestIndex));
        hyper.put("weightBenign", wBenign);
        hyper.put("weightMalicious", wMalicious);
        hyper.put("fitIntercept", true);
        metadata.put("hyperParameters", hyper);
        metadata.put("solver", "spark.ml LogisticRegression");
        metadata.put("iterations", best.summary().totalIterations());
        metadata.put("cvFolds", folds);
        metadata.put("cvRocAuc", auc[bestIndex]);
        metadata.put("trainedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return new LogisticModel(DeepfenceParams.FEATURE_SET, names, mean, std,
                best.coefficients().toArray(), best.intercept(), LogisticModel.DEFAULT_THRESHOLD, metadata);
    }

    /** Rows whose features are all present and finite (CSV leaves non-finite values empty). */
    static Dataset<Row> complete(Dataset<Row> table, String[] names) {
        Column ok = col(Labels.LABEL).isNotNull();
        List<Column> typed = new ArrayList<>();
        for (String name : names) {
            Column v = col(name).cast("double");
            ok = ok.and(v.isNotNull()).and(isnan(v).unary_$bang())
                    .and(v.notEqual(Double.POSITIVE_INFINITY)).and(v.notEqual(Double.NEGATIVE_INFINITY));
            typed.add(v.as(name));
        }
        typed.add(col(Labels.LABEL));
        return table.filter(ok).select(typed.toArray(new Column[0]));
    }

    private static Column[] statistics(String[] names) {
        List<Column> s = new ArrayList<>();
        s.add(count(lit(1)));
        s.add(sum(col(Labels.LABEL)));
        for (String name : names) {
            s.add(avg(col(name)));
            s.add(stddev_pop(col(name)));
        }
        return s.toArray(new Column[0]);
    }

    /** A column whose variance is within rounding noise of zero gets scale 1 (the single-machine rule). */
    static double scale(double std, double mean, long n) {
        double var = std * std;
        double eps = Math.ulp(1.0);
        double noise = n * mean * eps;
        return var <= n * eps * var + noise * noise ? 1.0 : std;
    }

    private static Dataset<Row> standardised(Dataset<Row> rows, String[] names, double[] mean, double[] std) {
        List<Column> scaled = new ArrayList<>();
        for (int j = 0; j < names.length; j++) {
            scaled.add(col(names[j]).minus(mean[j]).divide(std[j]).as(names[j]));
        }
        scaled.add(col(Labels.LABEL));
        Dataset<Row> z = rows.select(scaled.toArray(new Column[0]));
        return new VectorAssembler().setInputCols(names).setOutputCol(FEATURES).transform(z);
    }
}
