package org.flowmeter.spark;

import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.flowmeter.engine.VerdictPolicy;
import org.flowmeter.model.FlowModel;
import org.flowmeter.model.ModelFiles;
import org.flowmeter.options.DetectorOptions;
import org.flowmeter.options.FlowOptions;
import org.flowmeter.options.ModelOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code classify-captures}: capture files in, the verdict rows of {@code flowmeter classify} out. */
@Command(name = "classify-captures", mixinStandardHelpOptions = true,
        description = {"Classify the flows of capture files (one task per file) as flowmeter classify does: the model's"
                + " early and final verdicts and the cross-flow detectors beside it.",
            "Each file is classified on its own: a flow cut by a file boundary is two flows, and the detectors see one"
                + " file's flows."})
final class ClassifyCapturesCommand implements Callable<Integer> {
    @ParentCommand
    FlowmeterSpark parent;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "PATH",
            description = "Capture file, folder or glob (quote it); any Hadoop file system.")
    String input;

    @Option(names = "--early-after", paramLabel = "N",
            description = "Score a flow when it reaches N packets (as well as when it ends) (default: ${DEFAULT-VALUE}).")
    int earlyAfter = VerdictPolicy.DEFAULT_EARLY_PACKETS;

    @Option(names = "--decide-after", paramLabel = "N",
            description = "Make the verdict at N packets final (flows that end sooner are decided at their end).")
    Integer decideAfter;

    @Option(names = "--all-columns", description = "Also write every feature of the flow.")
    boolean allColumns;

    @Mixin
    TableOutput tableOutput;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    FlowOptions flowOptions;

    @Mixin
    DetectorOptions detectorOptions;

    @Override
    public Integer call() throws Exception {
        long flows = run(parent.session());
        System.err.printf("%d verdicts written to %s%n", flows, tableOutput.output);
        return 0;
    }

    CaptureVerdicts.Settings settings() throws Exception {
        VerdictPolicy policy = VerdictPolicy.of(earlyAfter, decideAfter);
        // Loaded on the driver, which checks the file, the threshold and --features; the model
        // travels to the tasks as the text of a model file, its threshold applied.
        FlowModel model = modelOptions.load();
        flowOptions.featureSetsFor(model);
        return new CaptureVerdicts.Settings(flowOptions.settings(), detectorOptions.settings(), policy,
                ModelFiles.toJson(model), allColumns);
    }

    /** Writes the verdict table and returns its row count. */
    long run(SparkSession spark) throws Exception {
        List<String> files = InputFiles.list(input, spark.sparkContext().hadoopConfiguration());
        Dataset<Row> verdicts = CaptureVerdicts.verdicts(spark, files, settings());
        return tableOutput.writeAndCount(verdicts);
    }
}
