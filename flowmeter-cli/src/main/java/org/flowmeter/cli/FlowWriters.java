package org.flowmeter.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.flowmeter.output.CsvFlowWriter;
import org.flowmeter.output.FlowWriter;
import org.flowmeter.output.JsonLinesFlowWriter;
import org.flowmeter.output.RowSchema;
import org.flowmeter.output.parquet.ParquetFlowWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Opens a flow table writer of the chosen format on a file or stdout ("-"). */
final class FlowWriters {
    private static final String STDOUT = "-";

    /** Output formats of flow tables. */
    enum Format {
        csv, jsonl, parquet;

        /** Parquet writes its footer last and so needs a file. */
        boolean streams() {
            return this != parquet;
        }
    }

    private FlowWriters() {
    }

    /** A usage error when the format cannot be written where {@code -o} points. */
    static void checkTarget(Format format, String target, CommandLine commandLine) {
        if (!format.streams() && STDOUT.equals(target)) {
            throw new ParameterException(commandLine,
                    "--format " + format + " cannot be written to stdout: give a file with -o FILE");
        }
    }

    static FlowWriter open(Format format, String target, RowSchema schema) throws IOException {
        return switch (format) {
            case csv -> new CsvFlowWriter(OutputFiles.flushedPeriodically(target), schema);
            case jsonl -> new JsonLinesFlowWriter(OutputFiles.flushedPeriodically(target), schema);
            case parquet -> new ParquetFlowWriter(Path.of(target), schema);
        };
    }
}
