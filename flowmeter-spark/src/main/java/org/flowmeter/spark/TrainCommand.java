package org.flowmeter.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.flowmeter.model.LabelText;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.model.ModelFiles;
import org.flowmeter.model.Penalty;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code train}: a labelled flow table in, a model file for {@code flowmeter classify} out. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Fit a class-weighted logistic regression on a flow table, C chosen by cross-validated ROC AUC.")
final class TrainCommand implements Callable<Integer> {
    @ParentCommand
    FlowmeterSpark parent;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "PATH",
            description = "Flow table written by extract (Parquet, or CSV when the path names .csv).")
    String input;

    @Option(names = "--input-format", description = "Force the table format: ${COMPLETION-CANDIDATES}.")
    FlowTables.Format inputFormat;

    @ArgGroup(exclusive = true, multiplicity = "1")
    LabelSource labels;

    /** Where labels come from: a column of the table or the malicious hosts. */
    static final class LabelSource {
        @Option(names = "--label-column", paramLabel = "NAME",
                description = "Label column: the --benign-value, 0, false, benign or normal is benign, any other"
                        + " text malicious (as flowmeter train reads it).")
        String column;

        @Option(names = "--malicious-host", paramLabel = "CIDR",
                description = "Flows touching this address or network are malicious (repeatable).")
        List<String> hosts = new ArrayList<>();
    }

    @Option(names = "--benign-value", paramLabel = "VALUE", defaultValue = LabelText.DEFAULT_BENIGN,
            description = "Value of the label column for benign flows (default: ${DEFAULT-VALUE}).")
    String benignValue;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Model JSON to write.")
    Path output;

    @Option(names = "--penalty", defaultValue = "L2", description = "L1 or L2 (default: ${DEFAULT-VALUE}).")
    Penalty penalty;

    @Option(names = {"--cs", "--c"}, split = ",", paramLabel = "C", defaultValue = "0.1,0.3,0.5,0.7,0.9",
            description = "Inverse regularisation strengths to try, liblinear's meaning, as flowmeter train"
                    + " (default: ${DEFAULT-VALUE}).")
    List<Double> cValues;

    @Option(names = "--weight-malicious", paramLabel = "W",
            description = "Loss weight of malicious flows, benign ones weigh 1 (default: balanced, n / (2 n_class)).")
    Double weightMalicious;

    @Option(names = "--folds", defaultValue = "10",
            description = "Cross-validation folds, as flowmeter train (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", defaultValue = "42",
            description = "Fold assignment seed, as flowmeter train (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        LogisticModel model = run(parent.session());
        System.err.printf("model written to %s (cross-validated ROC AUC %.4f)%n", output, model.metadata().get("cvRocAuc"));
        return 0;
    }

    LogisticModel run(SparkSession spark) throws Exception {
        Dataset<Row> table = FlowTables.read(spark, input, inputFormat);
        Dataset<Row> labelled = labels.column != null
                ? Labels.fromColumn(table, labels.column, benignValue)
                : Labels.fromHosts(table, labels.hosts);
        LogisticModel model = new SparkTrainer(penalty, cValues, weightMalicious, folds, seed).train(labelled);
        ModelFiles.write(model, output);
        return model;
    }
}
