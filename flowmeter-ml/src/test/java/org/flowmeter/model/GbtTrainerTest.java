package org.flowmeter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XGBoost on the scikit-learn reference data (200 rows, 5 features; f1 lowers the odds of malicious). */
class GbtTrainerTest {
    private static final SklearnReference REF = SklearnReference.load();
    private static final GbtTrainer.Params PARAMS = new GbtTrainer.Params(30, 3, 0.3, 1, 1, 1, 1, 1);
    private final GbtTrainer trainer = new GbtTrainer(1, 7);

    private static float[] flat(double[][] rows) {
        int d = rows[0].length;
        float[] out = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) rows[i][j];
            }
        }
        return out;
    }

    private byte[] boosterJson(int[] directions) {
        Dataset data = REF.dataset;
        float[] y = new float[data.size()];
        float[] w = new float[data.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = data.label(i);
            w[i] = 1;
        }
        return trainer.boosterJson(flat(data.rows()), y, w, data.size(), data.featureCount(), directions, PARAMS);
    }

    /** The Java tree walk gives the margins XGBoost itself predicts, for every row. */
    @Test
    void javaScoringMatchesXgboost() throws Exception {
        byte[] json = boosterJson(new int[5]);
        GbtModel model = GbtTrainer.fromXgboostJson(new String(json, StandardCharsets.UTF_8), "t",
                REF.dataset.featureNames(), Map.of());
        float[] expected = GbtTrainer.xgboostMargins(json, REF.dataset.rows());
        assertThat(model.trees()).hasSize(30);
        for (int i = 0; i < REF.dataset.size(); i++) {
            assertThat(model.margin(REF.dataset.row(i))).as("row %d", i).isCloseTo(expected[i], within(1e-4));
        }
    }

    /** The largest drop of the margin as f1 sweeps its range upwards, over every row. */
    private static double largestDropInF1(GbtModel model) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] r : REF.dataset.rows()) {
            lo = Math.min(lo, r[1]);
            hi = Math.max(hi, r[1]);
        }
        double drop = 0;
        for (double[] r : REF.dataset.rows()) {
            double[] x = r.clone();
            double previous = Double.NEGATIVE_INFINITY;
            for (int k = 0; k <= 200; k++) {
                x[1] = lo + (hi - lo) * k / 200.0;
                double m = model.margin(x);
                drop = Math.max(drop, previous - m);
                previous = m;
            }
        }
        return drop;
    }

    /** Unconstrained, the trees lower the score as f1 grows; with f1 = + they never do. */
    @Test
    void monotoneConstraintHoldsWhereTheFreeFitHasTheOtherDirection() {
        Dataset data = REF.dataset;
        int[] all = java.util.stream.IntStream.range(0, data.size()).toArray();
        GbtModel free = trainer.fit(data.rows(), data.labels(), all, data.featureNames(), new int[5], PARAMS, "t", null);
        assertThat(largestDropInF1(free)).isGreaterThan(0.1);
        GbtModel constrained = trainer.fit(data.rows(), data.labels(), all, data.featureNames(),
                new int[] {0, 1, 0, 0, 0}, PARAMS, "t", null);
        assertThat(largestDropInF1(constrained)).isZero();
        assertThat(constrained.metadata().get("monotoneConstraints")).isEqualTo(Map.of("f1", "+"));
    }

    @Test
    void modelFileRoundTrip(@TempDir Path dir) throws Exception {
        Dataset data = REF.dataset;
        int[] all = java.util.stream.IntStream.range(0, data.size()).toArray();
        GbtModel model = trainer.fit(data.rows(), data.labels(), all, data.featureNames(), new int[5], PARAMS, "t", null)
                .withThreshold(0.3).withLogScale(new double[] {1, 2, 3, 4, 5});
        Path file = dir.resolve("m.json");
        ModelFiles.write(model, file);
        FlowModel read = ModelFiles.readAny(file);
        assertThat(read).isInstanceOf(GbtModel.class);
        assertThat(read.threshold()).isEqualTo(0.3);
        for (int i = 0; i < data.size(); i++) {
            assertThat(read.score(data.row(i))).isEqualTo(model.score(data.row(i)));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelFiles.read(file))
                .hasMessageContaining("kind \"gbt\"");
    }
}
