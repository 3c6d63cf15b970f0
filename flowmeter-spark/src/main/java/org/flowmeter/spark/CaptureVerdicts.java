package org.flowmeter.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.flowmeter.engine.CaptureClassifier;
import org.flowmeter.engine.DetectorSettings;
import org.flowmeter.engine.FlowSettings;
import org.flowmeter.engine.VerdictColumns;
import org.flowmeter.engine.VerdictPolicy;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.model.FlowModel;
import org.flowmeter.model.ModelFiles;
import org.flowmeter.pcap.PacketSource;

/**
 * Classifies capture files on Spark with the engine's {@link CaptureClassifier}, one task per
 * file: the verdict rows of {@code flowmeter classify} (same policy, detectors, columns). Each
 * file is classified on its own, so a flow that a file boundary cuts is two flows here (one
 * {@code flowmeter classify} run over consecutive files joins them), and the detectors see one
 * file's flows.
 */
final class CaptureVerdicts {
    /** What a task needs; the model travels as the text of a model file (its threshold applied). */
    record Settings(FlowSettings flow, DetectorSettings detectors, VerdictPolicy policy, String modelJson,
                    boolean allColumns) implements Serializable {
        Settings {
            // Fail on the driver, not in a task.
            flow.config();
            detectors.create();
        }

        FlowModel model() throws IOException {
            return ModelFiles.fromJsonAny(modelJson, "model");
        }

        List<FeatureSet> featureSets() throws IOException {
            return FeatureSets.parse(model().featureSet());
        }
    }

    private CaptureVerdicts() {
    }

    static Dataset<Row> verdicts(SparkSession spark, List<String> files, Settings settings) throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Row> rows = jsc.parallelize(files, Math.max(1, files.size()))
                .flatMap(file -> rows(file, settings).iterator());
        return spark.createDataFrame(rows, FlowRows.schema(new VerdictColumns(settings.featureSets(), settings.allColumns())));
    }

    /** The verdict rows of one capture file, in the order its flows started. */
    static List<Row> rows(String file, Settings settings) throws IOException {
        FlowModel model = settings.model();
        List<FeatureSet> sets = FeatureSets.parse(model.featureSet());
        FlowRows rows = new FlowRows(new VerdictColumns(sets, settings.allColumns()));
        List<Row> out = new ArrayList<>();
        FlowSettings flow = settings.flow();
        CaptureClassifier classify = new CaptureClassifier(flow.config(), flow.ignoreVlan(), sets, model,
                settings.policy(), settings.detectors(), CaptureClassifier.Threads.ONE, v -> out.add(rows.toRow(v.flow())));
        try (PacketSource source = InputFiles.open(file)) {
            classify.engine().pipeline().run(source, null);
        } finally {
            classify.engine().meter().finish();
            classify.flush();
        }
        return out;
    }
}
