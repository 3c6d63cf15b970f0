package org.flowmeter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link GbtModel#newScorer()} (each input compressed once, a walk over floats) gives exactly the
 * margins of the model's own walk, and so XGBoost's: trees trained by XGBoost on the scikit-learn
 * reference data, on raw and on log-compressed inputs, also with missing values.
 */
class GbtScorerTest {
    private static final SklearnReference REF = SklearnReference.load();
    private static final GbtTrainer.Params PARAMS = new GbtTrainer.Params(30, 3, 0.3, 1, 1, 1, 1, 1);

    private static GbtModel trained(double[][] rows, byte[][] json) throws Exception {
        Dataset data = REF.dataset;
        int d = data.featureCount();
        float[] x = new float[rows.length * d];
        float[] y = new float[rows.length];
        float[] w = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) rows[i][j];
            }
            y[i] = data.label(i);
            w[i] = 1;
        }
        json[0] = new GbtTrainer(1, 7).boosterJson(x, y, w, rows.length, d, new int[d], PARAMS);
        return GbtTrainer.fromXgboostJson(new String(json[0], StandardCharsets.UTF_8), "t", data.featureNames(),
                Map.of());
    }

    /** Every row, and every row with one input missing in turn (NaN takes each split's default side). */
    private static double[][] rowsWithGaps(double[][] rows) {
        int d = rows[0].length;
        double[][] out = new double[rows.length * (d + 1)][];
        int k = 0;
        for (double[] r : rows) {
            out[k++] = r.clone();
            for (int j = 0; j < d; j++) {
                double[] gap = r.clone();
                gap[j] = Double.NaN;
                out[k++] = gap;
            }
        }
        return out;
    }

    @Test
    void rawInputsGiveTheModelsAndXgboostsMargins() throws Exception {
        byte[][] json = new byte[1][];
        GbtModel model = trained(REF.dataset.rows(), json);
        double[][] rows = rowsWithGaps(REF.dataset.rows());
        float[] xgboost = GbtTrainer.xgboostMargins(json[0], rows);
        GbtScorer scorer = (GbtScorer) model.newScorer();
        int differentSides = 0;
        for (int i = 0; i < rows.length; i++) {
            double fast = scorer.margin(rows[i]);
            assertThat(fast).as("row %d", i).isEqualTo(model.margin(rows[i]));
            assertThat(fast).as("row %d", i).isCloseTo(xgboost[i], within(1e-4));
            assertThat(scorer.score(rows[i])).isEqualTo(model.score(rows[i]));
            differentSides += fast != model.margin(rows[i - i % (rows[0].length + 1)]) ? 1 : 0;
        }
        assertThat(differentSides).as("missing inputs move rows to other leaves").isPositive();
    }

    @Test
    void logCompressedInputsGiveTheModelsMarginsAndXgboostsOnTheCompressedRows() throws Exception {
        double[] scales = LogScale.fit(REF.dataset.rows(), REF.dataset.featureCount());
        double[][] compressed = LogScale.apply(REF.dataset.rows(), scales);
        byte[][] json = new byte[1][];
        GbtModel model = trained(compressed, json).withLogScale(scales);
        double[][] raw = rowsWithGaps(REF.dataset.rows());
        float[] xgboost = GbtTrainer.xgboostMargins(json[0], LogScale.apply(raw, scales));
        FlowModel.Scorer scorer = model.newScorer();
        for (int i = 0; i < raw.length; i++) {
            double fast = ((GbtScorer) scorer).margin(raw[i]);
            assertThat(fast).as("row %d", i).isEqualTo(model.margin(raw[i]));
            assertThat(fast).as("row %d", i).isCloseTo(xgboost[i], within(1e-4));
        }
    }

    @Test
    void onlyFeaturesSomeSplitTestsAreRead() throws Exception {
        GbtModel model = trained(REF.dataset.rows(), new byte[1][]);
        boolean[] read = model.readsFeature();
        double[] splits = model.splitCounts();
        for (int f = 0; f < read.length; f++) {
            assertThat(read[f]).as("feature %d", f).isEqualTo(splits[f] > 0);
        }
        // A leaf-only tree reads nothing: its score ignores every input, even a missing one.
        GbtModel stump = new GbtModel("t", new String[] {"a", "b"}, null, 0.5,
                new GbtModel.Tree[] {new GbtModel.Tree(new int[] {0}, new float[] {0}, new int[] {-1},
                        new int[] {-1}, new boolean[] {true}, new double[] {0.25})}, 0.5, Map.of());
        assertThat(stump.readsFeature()).containsExactly(false, false);
        assertThat(stump.featuresRead()).isEmpty();
        assertThat(stump.newScorer().score(new double[] {Double.NaN, 1})).isEqualTo(stump.score(new double[] {0, 1}));
    }
}
