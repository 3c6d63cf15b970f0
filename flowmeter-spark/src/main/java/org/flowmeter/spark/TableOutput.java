package org.flowmeter.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Option;

/** Where and how a command writes its table: {@code -o DIR}, {@code --format}, {@code --overwrite}. */
final class TableOutput {
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output folder.")
    String output;

    @Option(names = "--format", defaultValue = "parquet",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FlowTables.Format format;

    @Option(names = "--overwrite", description = "Replace the output folder when it exists.")
    boolean overwrite;

    void write(Dataset<Row> table) {
        FlowTables.write(table, output, format, overwrite);
    }

    /** Writes the table and returns the row count read back from what was written. */
    long writeAndCount(Dataset<Row> table) {
        write(table);
        return table.sparkSession().read().format(format.name()).option("header", "true").load(output).count();
    }
}
