package org.flowmeter.spark;

import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.flowmeter.model.Dataset.Cleaned;
import org.flowmeter.model.DeepfenceParams;
import org.flowmeter.model.GridSearch;
import org.flowmeter.model.Hyper;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.model.LogisticTrainer;
import org.flowmeter.model.Metrics;
import org.flowmeter.model.Penalty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Spark training reaches the ROC AUC of the single-machine trainer on the same flows (a port
 * scan against plain DNS and HTTP), and Spark classification scores as the model does.
 */
@Tag("e2e")
class TrainingTest {
    private static final Path LAB = CaptureFiles.REPO.getParent().resolve("shared/data/traffic-lab");

    private static Dataset<Row> flowsOf(String capture, double label) throws Exception {
        Path file = LAB.resolve(capture);
        Assumptions.assumeTrue(Files.isRegularFile(file), "lab capture missing: " + file);
        // Separate captures: each is extracted on its own, not joined with the others.
        return new SparkExtract(TestSpark.session(), ExtractSettings.defaults())
                .flows(List.of(file.toString()))
                .withColumn(Labels.LABEL, lit(label));
    }

    @Test
    void sparkModelScoresLikeTheSingleMachineOne() throws Exception {
        Dataset<Row> table = flowsOf("nmap_syn_scan.pcap", 1.0)
                .union(flowsOf("dns_lookups.pcap", 0.0))
                .union(flowsOf("ab_php.pcap", 0.0))
                .cache();
        String[] names = DeepfenceParams.FEATURES.toArray(new String[0]);
        List<Row> rows = SparkTrainer.complete(table, names).collectAsList();
        double[][] x = new double[rows.size()][names.length];
        int[] y = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < names.length; j++) {
                x[i][j] = rows.get(i).getDouble(j);
            }
            y[i] = (int) rows.get(i).getDouble(names.length);
        }
        Cleaned data = new org.flowmeter.model.Dataset(names, x, y).dropNonFinite();
        assertThat(data.dataset().countMalicious()).isPositive();
        assertThat(data.dataset().countBenign()).isPositive();

        LogisticModel spark = new SparkTrainer(Penalty.L2, List.of(1.0), null, 2, 7).train(table);
        GridSearch.ClassWeights balanced = GridSearch.balanced(data.dataset());
        Hyper hyper = new Hyper(Penalty.L2, 1.0, balanced.benign(), balanced.malicious(), true);
        LogisticModel single = new LogisticTrainer().train(data.dataset(), hyper, DeepfenceParams.FEATURE_SET);

        double sparkAuc = Metrics.rocAuc(y, scores(spark, x));
        double singleAuc = Metrics.rocAuc(y, scores(single, x));
        System.err.printf("ROC AUC: Spark %.5f, single-machine %.5f%n", sparkAuc, singleAuc);
        assertThat(sparkAuc).as("Spark AUC vs single-machine %s", singleAuc).isCloseTo(singleAuc, within(0.01));
        assertThat(spark.features()).containsExactly(names);
        assertThat(spark.threshold()).isEqualTo(0.5);

        String json = org.flowmeter.model.ModelFiles.toJson(spark);
        Map<String, Double> verdicts = SparkClassifier.verdicts(TestSpark.session(), table, json).collectAsList()
                .stream().collect(Collectors.toMap(r -> r.getString(0) + "@" + r.getLong(6), r -> r.isNullAt(9) ? Double.NaN : r.getDouble(9)));
        assertThat(verdicts).hasSize((int) table.count());
        for (Row r : table.collectAsList()) {
            double[] v = new double[names.length];
            for (int j = 0; j < names.length; j++) {
                Object value = r.getAs(names[j]);
                v[j] = value == null ? Double.NaN : ((Number) value).doubleValue();
            }
            String key = r.getString(0) + "@" + r.getAs("flowStartNanos");
            assertThat(verdicts.get(key)).as(key).isCloseTo(spark.score(v), within(1e-12));
        }
        table.unpersist();
    }

    private static double[] scores(LogisticModel model, double[][] x) {
        double[] s = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = model.score(x[i]);
        }
        return s;
    }
}
