package org.flowmeter.spark;

import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.flowmeter.model.ModelFiles;
import org.flowmeter.options.ModelOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code classify}: a flow table and a model in, one verdict row per flow out. The model is chosen
 * as on flowmeter's command line (the shared {@link ModelOptions}: the bundled model by default,
 * --threshold applied), loaded and checked on the driver.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Score every flow of a flow table with a model; write identifiers, score and verdict.")
final class ClassifyCommand implements Callable<Integer> {
    @ParentCommand
    FlowmeterSpark parent;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "PATH",
            description = "Flow table written by extract (Parquet, or CSV when the path names .csv).")
    String input;

    @Option(names = "--input-format", description = "Force the table format: ${COMPLETION-CANDIDATES}.")
    FlowTables.Format inputFormat;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    TableOutput tableOutput;

    @Override
    public Integer call() throws Exception {
        run(parent.session());
        System.err.printf("verdicts written to %s%n", tableOutput.output);
        return 0;
    }

    void run(SparkSession spark) throws Exception {
        Dataset<Row> table = FlowTables.read(spark, input, inputFormat);
        Dataset<Row> verdicts = SparkClassifier.verdicts(spark, table, ModelFiles.toJson(modelOptions.load()));
        tableOutput.write(verdicts);
    }
}
