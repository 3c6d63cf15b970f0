package org.flowmeter.cli;

import java.io.IOException;
import org.flowmeter.output.CsvFlowWriter;
import org.flowmeter.output.FlowWriter;
import org.flowmeter.output.JsonLinesFlowWriter;
import org.flowmeter.output.RowSchema;

/** Opens a flow table writer of the chosen format on a file or stdout ("-"). */
final class FlowWriters {

    /** Output formats of flow tables. */
    enum Format { csv, jsonl }

    private FlowWriters() {
    }

    static FlowWriter open(Format format, String target, RowSchema schema) throws IOException {
        return switch (format) {
            case csv -> new CsvFlowWriter(OutputFiles.stream(target), schema);
            case jsonl -> new JsonLinesFlowWriter(OutputFiles.stream(target), schema);
        };
    }
}
