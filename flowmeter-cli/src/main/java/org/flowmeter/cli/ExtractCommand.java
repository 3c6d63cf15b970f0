package org.flowmeter.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.flowmeter.engine.FlowEngine;
import org.flowmeter.engine.FlowSettings;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.StartOrder;
import org.flowmeter.options.FlowOptions;
import org.flowmeter.output.FlowColumns;
import org.flowmeter.output.FlowWriter;
import org.flowmeter.pcap.PacketSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flowmeter extract}: captures in, one row per flow out. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Turn captures (pcap, pcapng, gzip, folders, - for stdin) into bidirectional flows with features.")
final class ExtractCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Capture files, folders, or - for stdin.")
    List<String> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "-",
            description = "Where to write flows (default: stdout; parquet needs a file).")
    String output;

    @Option(names = "--format", defaultValue = "csv",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FlowWriters.Format format;

    @Option(names = "--min-packets", paramLabel = "N", defaultValue = "1",
            description = "Write only flows with at least N packets (default: ${DEFAULT-VALUE}).")
    long minPackets;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar on stderr (default: when on a terminal).")
    Boolean progress;

    @Option(names = {"-q", "--quiet"}, description = "Do not print the summary.")
    boolean quiet;

    @Mixin
    FlowOptions flowOptions;

    @Mixin
    FileFilterOptions fileFilter;

    @Mixin
    InputOptions inputOptions;

    @Mixin
    NameOptions names;

    @Override
    public Integer call() throws IOException {
        FlowWriters.checkTarget(format, output, spec.commandLine());
        FlowSettings settings = flowOptions.settings();
        var sets = settings.featureSets();
        var config = settings.config();
        settings.checkMemoryCap(config, sets);
        PacketSource source = fileFilter.open(inputs); // fail on bad input before creating the output
        FlowColumns columns = new FlowColumns(sets, true).readingFrom(source);
        FlowWriter rows = FlowWriters.open(format, output, columns, source, names.scheme());
        StartOrder order = new StartOrder(flow -> write(rows, flow), StartOrder.DEFAULT_MAX_WAITING);
        CaptureRun run = new CaptureRun(new FlowEngine(config, settings.ignoreVlan(), sets, order, null));
        order.limitWaiting(run.meter().memoryBudget().waitingFlows());
        inputOptions.applyTo(run);
        try {
            run.run(source, Progress.wanted(progress), () -> {
                order.flush();
                rows.close();
            });
        } finally {
            if (!quiet) {
                run.printSummary(System.err, rows.rows());
            }
        }
        InputChecks.requirePackets(run, fileFilter.filtering());
        return 0;
    }

    private void write(FlowWriter rows, Flow flow) {
        if (flow.packets() < minPackets) {
            return;
        }
        try {
            rows.write(flow);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
