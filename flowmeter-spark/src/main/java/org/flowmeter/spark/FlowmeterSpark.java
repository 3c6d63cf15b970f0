package org.flowmeter.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.flowmeter.engine.DataException;
import org.flowmeter.engine.OptionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point for spark-submit (and for local runs without a Spark install): extract flows from
 * many capture files, train a model on a flow table, classify a flow table.
 */
@Command(name = "flowmeter-spark", mixinStandardHelpOptions = true,
        subcommands = {ExtractCommand.class, TrainCommand.class, ClassifyCommand.class, ClassifyCapturesCommand.class},
        description = "Flow extraction, training and classification on Apache Spark.")
public final class FlowmeterSpark implements Runnable {

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[4]; spark-submit sets it. Default without one: local[*].")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark setting (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line; a setting the engine refuses is a usage error, as on flowmeter's command line. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FlowmeterSpark());
        CommandLine.IExecutionExceptionHandler failed = (e, cmd, parsed) -> {
            if (e instanceof OptionException o) {
                return cmd.getParameterExceptionHandler().handleParseException(
                        new CommandLine.ParameterException(cmd, o.getMessage(), o), parsed.originalArgs().toArray(new String[0]));
            }
            if (e instanceof DataException d) {
                // The inputs cannot give what was asked (too few flows of a class): one line, exit 1.
                cmd.getErr().println("flowmeter-spark: " + d.getMessage());
                return 1;
            }
            throw e;
        };
        cli.setExecutionExceptionHandler(failed);
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "missing command: extract, train or classify");
    }

    /** The session of this run; spark-submit's settings win over the defaults here. */
    SparkSession session() {
        SparkSession.Builder builder = SparkSession.builder().appName("flowmeter-spark");
        if (master != null) {
            builder.master(master);
        } else if (!new SparkConf().contains("spark.master")) {
            builder.master("local[*]");
        }
        conf.forEach(builder::config);
        return builder.getOrCreate();
    }
}
