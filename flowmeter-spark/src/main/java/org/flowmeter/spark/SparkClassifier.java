package org.flowmeter.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.flowmeter.engine.OptionException;
import org.flowmeter.model.FlowModel;
import org.flowmeter.model.ModelFiles;

/**
 * Scores every row of a flow table with one of our models. A missing feature (a non-finite value
 * left empty) scores NaN, written as null, and is never malicious: the rule of the CLI.
 */
final class SparkClassifier {
    /** Carried over from the flow table, in this order, when present. */
    static final List<String> KEPT = List.of("fiveTuple", "srcIP", "dstIP", "protocol", "srcPort", "dstPort",
            "flowStartNanos", "flowEndNanos", "endReason");

    private SparkClassifier() {
    }

    /**
     * @param modelJson the model file's text (either kind), parsed once per partition on the executors
     * @throws OptionException when the table lacks a column the model reads
     */
    static Dataset<Row> verdicts(SparkSession spark, Dataset<Row> table, String modelJson) throws IOException {
        FlowModel checked = ModelFiles.fromJsonAny(modelJson, "model");
        String[] features = checked.features();
        List<String> columns = List.of(table.columns());
        List<String> missing = java.util.Arrays.stream(features).filter(f -> !columns.contains(f)).toList();
        if (!missing.isEmpty()) {
            throw new OptionException("the flow table lacks " + missing.size() + " column(s) the model reads ("
                    + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                    + (missing.size() > 5 ? ", ..." : "") + "): extract it with --features " + checked.featureSet());
        }
        List<String> kept = new ArrayList<>();
        List<StructField> fields = new ArrayList<>();
        for (StructField f : table.schema().fields()) {
            if (KEPT.contains(f.name())) {
                kept.add(f.name());
            }
        }
        kept.sort((a, b) -> KEPT.indexOf(a) - KEPT.indexOf(b));
        for (String name : kept) {
            fields.add(table.schema().apply(name));
        }
        fields.add(DataTypes.createStructField("score", DataTypes.DoubleType, true));
        fields.add(DataTypes.createStructField("verdict", DataTypes.StringType, false));
        StructType schema = DataTypes.createStructType(fields);

        String[] keptNames = kept.toArray(new String[0]);
        JavaRDD<Row> rows = table.javaRDD().mapPartitions(part -> {
            FlowModel model = parse(modelJson);
            double[] x = new double[features.length];
            List<Row> out = new ArrayList<>();
            while (part.hasNext()) {
                Row r = part.next();
                for (int j = 0; j < features.length; j++) {
                    Object v = r.getAs(features[j]);
                    x[j] = v == null ? Double.NaN : ((Number) v).doubleValue();
                }
                double score = model.score(x);
                Object[] values = new Object[keptNames.length + 2];
                for (int k = 0; k < keptNames.length; k++) {
                    values[k] = r.getAs(keptNames[k]);
                }
                values[keptNames.length] = Double.isNaN(score) ? null : score;
                values[keptNames.length + 1] = model.isMalicious(score) ? "malicious" : "benign";
                out.add(RowFactory.create(values));
            }
            return out.iterator();
        });
        return spark.createDataFrame(rows, schema);
    }

    private static FlowModel parse(String json) {
        try {
            return ModelFiles.fromJsonAny(json, "model");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
