package org.flowmeter.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Fits gradient-boosted trees with XGBoost (binary logistic loss, histogram splits) under monotone
 * constraints: a feature with direction +1 can only raise the score as it grows, -1 only lower
 * it. The fitted booster is read back from XGBoost's JSON model into a {@link GbtModel}, which
 * scores without the native library.
 */
public final class GbtTrainer {
    /** Rounds, depth, learning rate and the usual regularisers; class weights as for the logistic regression. */
    public record Params(int rounds, int maxDepth, double eta, double minChildWeight, double lambda,
            double subsample, double weightBenign, double weightMalicious) {
        public Params {
            if (rounds < 1 || maxDepth < 1 || !(eta > 0) || !(subsample > 0 && subsample <= 1)
                    || !(weightBenign > 0) || !(weightMalicious > 0) || minChildWeight < 0 || lambda < 0) {
                throw new IllegalArgumentException("invalid boosting parameters: " + this);
            }
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rounds", rounds);
            m.put("maxDepth", maxDepth);
            m.put("eta", eta);
            m.put("minChildWeight", minChildWeight);
            m.put("lambda", lambda);
            m.put("subsample", subsample);
            m.put("weightBenign", weightBenign);
            m.put("weightMalicious", weightMalicious);
            return m;
        }
    }

    private final int threads;
    private final long seed;

    public GbtTrainer(int threads, long seed) {
        this.threads = threads;
        this.seed = seed;
    }

    /** Fits on the selected rows of {@code rows}; {@code directions} holds +1, -1 or 0 per feature. */
    public GbtModel fit(double[][] rows, int[] labels, int[] selected, String[] features, int[] directions,
            Params params, String featureSet, Map<String, Object> extraMetadata) {
        int n = selected.length;
        int d = features.length;
        float[] data = new float[n * d];
        float[] y = new float[n];
        float[] w = new float[n];
        boolean benign = false;
        boolean malicious = false;
        for (int i = 0; i < n; i++) {
            double[] row = rows[selected[i]];
            for (int j = 0; j < d; j++) {
                data[i * d + j] = (float) row[j];
            }
            boolean m = labels[selected[i]] == Dataset.MALICIOUS;
            benign |= !m;
            malicious |= m;
            y[i] = m ? 1 : 0;
            w[i] = (float) (m ? params.weightMalicious() : params.weightBenign());
        }
        if (!benign || !malicious) {
            throw new IllegalArgumentException("training data needs both benign and malicious rows");
        }
        byte[] json = boosterJson(data, y, w, n, d, directions, params);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("trainingRows", n);
        metadata.put("trainingMalicious", (int) count(y, 1));
        metadata.put("trainingBenign", (int) count(y, 0));
        metadata.put("hyperParameters", params.toMap());
        metadata.put("solver", "xgboost4j hist");
        metadata.put("monotoneConstraints", signMap(features, directions));
        metadata.put("trainedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        if (extraMetadata != null) {
            metadata.putAll(extraMetadata);
        }
        return fromXgboostJson(new String(json, StandardCharsets.UTF_8), featureSet, features, metadata);
    }

    /** XGBoost's JSON model fitted on row-major float data. */
    byte[] boosterJson(float[] data, float[] y, float[] w, int n, int d, int[] directions, Params params) {
        DMatrix matrix = null;
        Booster booster = null;
        try {
            matrix = new DMatrix(data, n, d, Float.NaN);
            matrix.setLabel(y);
            matrix.setWeight(w);
            Map<String, Object> p = new HashMap<>();
            p.put("objective", "binary:logistic");
            p.put("tree_method", "hist");
            p.put("max_depth", params.maxDepth());
            p.put("eta", params.eta());
            p.put("min_child_weight", params.minChildWeight());
            p.put("lambda", params.lambda());
            p.put("subsample", params.subsample());
            p.put("nthread", threads);
            p.put("seed", seed);
            p.put("verbosity", 0);
            p.put("monotone_constraints", constraintText(directions));
            booster = XGBoost.train(matrix, p, params.rounds(), new HashMap<>(), null, null);
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            booster.saveModel(json, "json");
            return json.toByteArray();
        } catch (XGBoostError | IOException e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        } finally {
            if (booster != null) {
                booster.dispose();
            }
            if (matrix != null) {
                matrix.dispose();
            }
        }
    }

    /** The margins XGBoost itself predicts for the rows (for checking the Java scoring against it). */
    static float[] xgboostMargins(byte[] modelJson, double[][] rows) throws XGBoostError, IOException {
        int d = rows[0].length;
        float[] data = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                data[i * d + j] = (float) rows[i][j];
            }
        }
        Booster booster = XGBoost.loadModel(modelJson);
        DMatrix m = new DMatrix(data, rows.length, d, Float.NaN);
        try {
            float[][] out = booster.predict(m, true);
            float[] margins = new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                margins[i] = out[i][0];
            }
            return margins;
        } finally {
            m.dispose();
            booster.dispose();
        }
    }

    private static long count(float[] y, int v) {
        long c = 0;
        for (float f : y) {
            c += f == v ? 1 : 0;
        }
        return c;
    }

    static String constraintText(int[] directions) {
        StringBuilder b = new StringBuilder("(");
        for (int j = 0; j < directions.length; j++) {
            b.append(j == 0 ? "" : ",").append(Integer.signum(directions[j]));
        }
        return b.append(')').toString();
    }

    private static Map<String, Object> signMap(String[] names, int[] directions) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int j = 0; j < names.length; j++) {
            if (directions[j] != 0) {
                m.put(names[j], directions[j] > 0 ? "+" : "-");
            }
        }
        return m;
    }

    /**
     * Reads XGBoost's JSON model (learner.gradient_booster.model.trees; a leaf's value is its
     * split_conditions entry; base_score is a probability, its logit the base margin).
     */
    @SuppressWarnings("unchecked")
    static GbtModel fromXgboostJson(String json, String featureSet, String[] features, Map<String, Object> metadata) {
        Map<String, Object> learner = (Map<String, Object>) ((Map<String, Object>) JsonText.parse(json)).get("learner");
        Map<String, Object> param = (Map<String, Object>) learner.get("learner_model_param");
        double baseScore = parseBaseScore(String.valueOf(param.get("base_score")));
        Map<String, Object> booster = (Map<String, Object>) learner.get("gradient_booster");
        List<Object> trees = (List<Object>) ((Map<String, Object>) booster.get("model")).get("trees");
        GbtModel.Tree[] out = new GbtModel.Tree[trees.size()];
        for (int t = 0; t < out.length; t++) {
            Map<String, Object> tree = (Map<String, Object>) trees.get(t);
            List<Object> lefts = (List<Object>) tree.get("left_children");
            List<Object> rights = (List<Object>) tree.get("right_children");
            List<Object> indices = (List<Object>) tree.get("split_indices");
            List<Object> conditions = (List<Object>) tree.get("split_conditions");
            List<Object> defaults = (List<Object>) tree.get("default_left");
            int n = lefts.size();
            int[] feature = new int[n];
            float[] split = new float[n];
            int[] left = new int[n];
            int[] right = new int[n];
            boolean[] defaultLeft = new boolean[n];
            double[] leaf = new double[n];
            for (int i = 0; i < n; i++) {
                left[i] = ((Number) lefts.get(i)).intValue();
                right[i] = ((Number) rights.get(i)).intValue();
                float condition = ((Number) conditions.get(i)).floatValue();
                if (left[i] < 0) {
                    left[i] = -1;
                    right[i] = -1;
                    leaf[i] = condition;
                } else {
                    feature[i] = ((Number) indices.get(i)).intValue();
                    split[i] = condition;
                    Object dl = defaults.get(i);
                    defaultLeft[i] = dl instanceof Boolean b ? b : ((Number) dl).intValue() != 0;
                }
            }
            out[t] = new GbtModel.Tree(feature, split, left, right, defaultLeft, leaf);
        }
        double baseMargin = Math.log(baseScore / (1 - baseScore));
        return new GbtModel(featureSet, features, null, baseMargin, out, LogisticModel.DEFAULT_THRESHOLD, metadata);
    }

    /** "5E-1" in older models, "[5E-1]" (one value per target) in newer ones. */
    static double parseBaseScore(String text) {
        String t = text.strip();
        if (t.startsWith("[")) {
            t = t.substring(1, t.length() - 1).split(",")[0].strip();
        }
        return Double.parseDouble(t);
    }
}
