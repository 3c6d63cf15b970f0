package org.flowmeter.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.flowmeter.engine.VerdictColumns;
import org.flowmeter.output.CsvFlowWriter;
import org.flowmeter.output.EveFlowWriter;
import org.flowmeter.output.FlowWriter;
import org.flowmeter.output.JsonLinesFlowWriter;
import org.flowmeter.output.NamingScheme;
import org.flowmeter.output.RowSchema;
import org.flowmeter.output.parquet.ParquetFlowWriter;
import org.flowmeter.pcap.PacketSource;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Opens a flow table writer of the chosen format on a file or stdout ("-"). */
final class FlowWriters {
    private static final String STDOUT = "-";

    /** Output formats of flow tables. */
    enum Format {
        csv, jsonl, eve, parquet;

        /** Parquet writes its footer last and so needs a file. */
        boolean streams() {
            return this != parquet;
        }
    }

    /** The formats that can be streamed (live capture): every format but Parquet. */
    enum StreamFormat {
        csv, jsonl, eve
    }

    /**
     * A streamed writer; eve objects take each flow's verdict from {@code judgements} and name
     * {@code source}'s input (the interface).
     */
    static FlowWriter stream(StreamFormat format, OutputStream out, RowSchema schema, String model,
                             java.util.function.Function<org.flowmeter.flow.Flow, EveFlowWriter.Judgement> judgements,
                             NamingScheme names, PacketSource source)
            throws IOException {
        return switch (format) {
            case csv -> new CsvFlowWriter(out, names.titled(schema));
            case jsonl -> new JsonLinesFlowWriter(out, names.titled(schema));
            case eve -> new EveFlowWriter(out, judgements, model).readingFrom(source);
        };
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

    /**
     * {@code source} names the input file of each flow in eve output (may be null); {@code names}
     * titles the columns of the other formats.
     */
    static FlowWriter open(Format format, String target, RowSchema schema, PacketSource source, NamingScheme names)
            throws IOException {
        return switch (format) {
            case csv -> new CsvFlowWriter(OutputFiles.flushedPeriodically(target), names.titled(schema));
            case jsonl -> new JsonLinesFlowWriter(OutputFiles.flushedPeriodically(target), names.titled(schema));
            case eve -> eve(OutputFiles.flushedPeriodically(target), schema, source);
            case parquet -> new ParquetFlowWriter(Path.of(target), names.titled(schema));
        };
    }

    /** Verdict rows get the {@code flowmeter} object's score and verdict; flow rows only the flow. */
    private static FlowWriter eve(OutputStream out, RowSchema schema, PacketSource source) {
        EveFlowWriter eve = schema instanceof VerdictColumns v
                ? new EveFlowWriter(out, VerdictColumns::judgement, v.model())
                : new EveFlowWriter(out);
        return source == null ? eve : eve.readingFrom(source);
    }
}
