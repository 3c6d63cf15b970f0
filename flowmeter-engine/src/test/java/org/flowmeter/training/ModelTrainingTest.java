package org.flowmeter.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flowmeter.engine.DataException;
import org.flowmeter.labels.LabelledFlows;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.model.ModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The facade on hand-made rows: two inputs of 30 flows each (a third malicious, larger in the
 * first column), so every count below follows from the rows.
 */
class ModelTrainingTest {
    private static final String[] FEATURES = {"size", "gap", "noise"};

    /** Input a: rows 0-29, input b: rows 30-59; every third row malicious; one row of b has a NaN and is dropped. */
    private static LabelledFlows flows() {
        Random random = new Random(3);
        LabelledFlows flows = new LabelledFlows(FEATURES);
        for (int i = 0; i < 61; i++) {
            boolean malicious = i % 3 == 0;
            double[] row = {(malicious ? 50 : 10) + random.nextDouble() * 30, random.nextDouble() * 5, random.nextGaussian()};
            if (i == 60) {
                row[1] = Double.NaN;
            }
            flows.add(i < 30 ? "a" : "b", row, malicious, 10 + i, 1000 + i);
        }
        return flows;
    }

    private static TrainingSettings settings(int folds, OperatingPoint point) {
        TrainingSettings d = TrainingSettings.defaults();
        LogisticGrid grid = new LogisticGrid(List.of("1:1"), true, List.of("l2"), List.of(0.5, 1.0), List.of(true));
        return new TrainingSettings(ModelKind.logistic, null, true, folds, 0.3, SplitBy.flow, 7, grid, d.gbt(), point,
                d.signRules(), null, 0, d.thinning(), 2);
    }

    private static String withoutTime(TrainingResult r) {
        List<String> lines = new ArrayList<>();
        for (String line : ModelFiles.toJson(r.model()).split("\n")) {
            if (!line.contains("\"date\"") && !line.contains("\"trainedAt\"")) {
                lines.add(line);
            }
        }
        return String.join("\n", lines);
    }

    @Test
    void sameRowsAndSettingsGiveTheSameModelFile() throws Exception {
        TrainingSettings s = settings(3, OperatingPoint.of(null, null, 0.1));
        TrainingResult first = ModelTraining.train(new TrainingData("test", flows(), null), s, line -> { });
        TrainingResult second = ModelTraining.train(new TrainingData("test", flows(), null), s, line -> { });
        assertThat(withoutTime(second)).isEqualTo(withoutTime(first));

        LogisticModel model = (LogisticModel) first.model();
        assertThat(model.features()).containsExactly(FEATURES);
        assertThat(model.metadata()).containsEntry("flows", 60).containsEntry("droppedFlows", 1)
                .containsEntry("trainFlows", 42).containsEntry("testFlows", 18).containsEntry("gridCandidates", 4);
        // Benign before malicious, in every run (Map.of's order changes from one JVM to the next).
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> inputs = (Map<String, Map<String, Object>>) model.metadata().get("inputs");
        assertThat(inputs.keySet()).containsExactly("a", "b");
        assertThat(inputs.get("a").keySet()).containsExactly("benign", "malicious");
        assertThat(inputs.get("a")).containsEntry("benign", 20).containsEntry("malicious", 10);
        assertThat(inputs.get("b")).containsEntry("benign", 20).containsEntry("malicious", 10);
        assertThat(first.report().crossValidated().flows()).isEqualTo(42);
        assertThat(first.report().test().flows()).isEqualTo(18);
        assertThat(first.report().grid().results()).hasSize(4);
    }

    @Test
    void theSummaryNamesTheGridTheFoldsAndTheTest() throws Exception {
        TrainingResult r = ModelTraining.train(new TrainingData("test", flows(), null),
                settings(3, OperatingPoint.DEFAULT), line -> { });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        r.report().print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("best grid candidates (mean ± std ROC AUC over 3 folds of the training split):")
                .contains("held-out test split:\nflows 18 at threshold 0.5000:")
                .doesNotContain("cross-validated scores");
        assertThat(r.report().crossValidated()).isNull();
        assertThat(r.model().threshold()).isEqualTo(0.5);
    }

    /** The metrics file keeps the fields and order it had as a map: readers of it (scripts, notebooks) are unchanged. */
    @Test
    void metricsFileNamesItsFieldsInOrder(@TempDir Path dir) throws Exception {
        TrainingResult r = ModelTraining.train(new TrainingData("test", flows(), null),
                settings(3, OperatingPoint.of(null, 0.9, null)), line -> { });
        Path file = dir.resolve("metrics.json");
        r.report().writeMetrics(file);
        JsonNode m = JsonMapper.builder().build().readTree(file.toFile());
        assertThat(m.propertyNames()).containsExactly("best", "cv_roc_auc_mean", "threshold", "test", "grid",
                "cv_out_of_fold", "test_inputs");
        assertThat(m.get("best").propertyNames()).containsExactly("penalty", "C", "weightBenign", "weightMalicious",
                "fitIntercept");
        assertThat(m.get("grid")).hasSize(4);
        assertThat(m.get("grid").get(0).propertyNames()).containsExactly("penalty", "C", "weightBenign",
                "weightMalicious", "fitIntercept", "cv_roc_auc_mean", "cv_roc_auc_std");
        assertThat(m.get("test_inputs").get(0).propertyNames()).containsExactly("input", "benign", "malicious", "fp", "tp");
        assertThat(m.get("test").get("flows").asInt()).isEqualTo(18);
        assertThat(m.get("threshold").asDouble()).isEqualTo(r.model().threshold());

        TrainingResult fixed = ModelTraining.train(new TrainingData("test", flows(), null),
                settings(3, OperatingPoint.of(0.4, null, null)), line -> { });
        fixed.report().writeMetrics(file);
        assertThat(JsonMapper.builder().build().readTree(file.toFile()).has("cv_out_of_fold"))
                .as("no cross-validated scores with a given threshold").isFalse();
    }

    @Test
    void tooFewFlowsOfAClassIsADataProblem() {
        // 20 malicious flows in all, fewer than 25 folds need.
        assertThatThrownBy(() -> ModelTraining.train(new TrainingData("test", flows(), null),
                settings(25, OperatingPoint.DEFAULT), line -> { }))
                .isInstanceOf(DataException.class)
                .hasMessage("need at least 25 flows of each class for 25-fold CV (have 40 benign, 20 malicious)");
    }

    /** Flows added part by part (as Spark's driver joins its tasks' parts) equal flows added one by one. */
    @Test
    void partsJoinedEqualOnePass() {
        LabelledFlows all = flows();
        LabelledFlows a = new LabelledFlows(FEATURES);
        LabelledFlows b = new LabelledFlows(FEATURES);
        LabelledFlows source = flows();
        var data = source.dataset();
        for (int i = 0; i < data.size(); i++) {
            (i < 30 ? a : b).add(i < 30 ? "a" : "b", data.row(i), data.label(i) == 1, source.packets()[i],
                    source.bytes()[i]);
        }
        b.countDropped();
        LabelledFlows joined = new LabelledFlows(FEATURES);
        joined.addAll(a);
        joined.addAll(b);
        assertThat(joined.size()).isEqualTo(all.size()).isEqualTo(60);
        assertThat(joined.dropped()).isEqualTo(all.dropped()).isEqualTo(1);
        assertThat(joined.inputNames()).containsExactly("a", "b");
        assertThat(joined.dataset().groups()).containsExactly(all.dataset().groups());
        assertThat(joined.dataset().labels()).containsExactly(all.dataset().labels());
        assertThat(joined.dataset().rows()).isDeepEqualTo(all.dataset().rows());
        assertThat(joined.packets()).containsExactly(all.packets());
        assertThat(joined.perInput().get("b")).containsExactly(20, 10);
    }
}
