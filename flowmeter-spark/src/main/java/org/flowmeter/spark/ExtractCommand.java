package org.flowmeter.spark;

import static org.apache.spark.sql.functions.col;

import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.flowmeter.options.FlowOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code extract}: capture files in, one row per flow out (the columns of {@code flowmeter extract}). */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Turn capture files (one task per file) into bidirectional flows with features.")
final class ExtractCommand implements Callable<Integer> {
    @ParentCommand
    FlowmeterSpark parent;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "PATH",
            description = "Capture file, folder or glob (quote it); any Hadoop file system.")
    String input;

    @Mixin
    TableOutput tableOutput;

    @Option(names = "--unsorted", description = "Skip the final sort by flow start (saves a shuffle).")
    boolean unsorted;

    @Option(names = "--min-packets", paramLabel = "N", defaultValue = "1",
            description = "Write only flows with at least N packets (default: ${DEFAULT-VALUE}).")
    long minPackets;

    @Mixin
    FlowOptions flowOptions;

    @Override
    public Integer call() throws Exception {
        SparkSession spark = parent.session();
        long start = System.nanoTime();
        long flows = run(spark);
        System.err.printf("%d flows written to %s in %.1f s%n", flows, tableOutput.output, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    ExtractSettings settings() {
        return new ExtractSettings(flowOptions.settings(), minPackets);
    }

    /** Writes the flow table and returns its row count. */
    long run(SparkSession spark) throws Exception {
        Dataset<Row> table = new SparkExtract(spark, settings()).flows(input);
        if (!unsorted) {
            table = table.orderBy(col("flowStartNanos"), col("fiveTuple"));
        }
        return tableOutput.writeAndCount(table);
    }
}
