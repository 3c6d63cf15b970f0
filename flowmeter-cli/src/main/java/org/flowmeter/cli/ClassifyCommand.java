package org.flowmeter.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flowmeter.engine.CaptureClassifier;
import org.flowmeter.engine.FeatureSelection;
import org.flowmeter.engine.FlowClassifier;
import org.flowmeter.engine.FlowEngine;
import org.flowmeter.engine.FlowSettings;
import org.flowmeter.engine.FlowVerdict;
import org.flowmeter.engine.VerdictColumns;
import org.flowmeter.engine.VerdictPolicy;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowListener;
import org.flowmeter.options.DetectorOptions;
import org.flowmeter.options.FlowOptions;
import org.flowmeter.options.ModelOptions;
import org.flowmeter.output.FlowWriter;
import org.flowmeter.output.RowsOnTwoThreads;
import org.flowmeter.pcap.CaptureFormatException;
import org.flowmeter.pcap.SequenceSource;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.LinkType;
import org.flowmeter.pcap.PcapFileWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.SerializationFeature;

/**
 * {@code flowmeter classify}: a verdict per flow, and optionally the packets of malicious flows
 * (a pcap to forward to deeper analysis) and a verdict per packet.
 *
 * <p>Forwarding and per-packet verdicts read the input twice: the first pass decides every flow
 * (with its final verdict), the second writes each packet with the verdict of its flow. So the
 * forwarded file holds exactly the packets of the flows marked malicious, from their first
 * packet, with memory for one bit per flow instead of buffered packets.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Classify every flow (and so every packet) as benign or malicious; forward only suspicious traffic.")
final class ClassifyCommand implements Callable<Integer> {
    /** Early scoring point; see docs/classify.md for how it was chosen. */
    static final int DEFAULT_EARLY_PACKETS = VerdictPolicy.DEFAULT_EARLY_PACKETS;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Capture files, folders, or - for stdin.")
    List<String> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "-",
            description = "Where to write flow verdicts (default: stdout; parquet needs a file).")
    String output;

    @Option(names = "--format", defaultValue = "csv", description = "Verdict format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FlowWriters.Format format;

    @Option(names = "--forward", paramLabel = "FILE", description = "Write the packets of malicious flows to this pcap.")
    Path forward;

    @Option(names = "--packet-verdicts", paramLabel = "FILE",
            description = "Write one line per packet: packetIndex,timestampNanos,flowId,verdict.")
    Path packetVerdicts;

    @Option(names = "--early-after", paramLabel = "N",
            description = "Score a flow when it reaches N packets (as well as when it ends) (default: ${DEFAULT-VALUE}).")
    int earlyAfter = DEFAULT_EARLY_PACKETS;

    @Option(names = "--decide-after", paramLabel = "N",
            description = "Make the verdict at N packets final (flows that end sooner are decided at their end).")
    Integer decideAfter;

    @Option(names = "--all-columns", description = "Also write every feature of the flow.")
    boolean allColumns;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "Write the run's summary as JSON.")
    Path summaryJson;

    @Option(names = "--progress", negatable = true, description = "Show a progress bar on stderr (default: when on a terminal).")
    Boolean progress;

    @Option(names = {"-q", "--quiet"}, description = "Do not print the summary.")
    boolean quiet;

    @Option(names = "--threads", hidden = true, defaultValue = "AFTER_DECODING_AND_METERING",
            description = "How work is shared out: ONE thread, AFTER_DECODING (reading and decoding on a second thread),"
                    + " AFTER_METERING (scoring to writing on a second thread), AFTER_DECODING_AND_METERING (both)"
                    + " (default: ${DEFAULT-VALUE}).")
    CaptureClassifier.Threads threads;

    @Mixin
    FlowOptions flowOptions;

    @Mixin
    InputOptions inputOptions;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DetectorOptions detectorOptions;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    FileFilterOptions fileFilter;

    @Mixin
    NameOptions names;

    private FlowClassifier classifier;
    private final Map<String, Long> decidedBy = new java.util.TreeMap<>();
    private long flaggedAfterWritten;
    private long flows;
    private long maliciousFlows;
    private final FlowIdSet malicious = new FlowIdSet();

    @Override
    public Integer call() throws IOException {
        FlowWriters.checkTarget(format, output, spec.commandLine());
        boolean secondPass = forward != null || packetVerdicts != null;
        if (secondPass && inputs.contains(Captures.STDIN)) {
            throw new ParameterException(spec.commandLine(),
                    "--forward and --packet-verdicts read the input twice: give files, not stdin");
        }
        VerdictPolicy policy = VerdictPolicy.of(earlyAfter, decideAfter);
        var model = modelOptions.load();
        List<FeatureSet> sets = FeatureSelection.forVerdicts(flowOptions.featureSetsFor(model), model, allColumns);
        FlowSettings flowSettings = flowOptions.settings();
        FlowConfig config = flowSettings.config();
        flowSettings.checkMemoryCap(config, sets);

        var source = fileFilter.open(inputs);
        // Results of an earlier run go now: a run stopped by a signal or a crash leaves none behind.
        StagedFile forwardFile = forward == null ? null : new StagedFile(forward);
        StagedFile perPacketFile = packetVerdicts == null ? null : new StagedFile(packetVerdicts);
        StagedFile summaryFile = summaryJson == null ? null : new StagedFile(summaryJson);
        VerdictColumns columns = new VerdictColumns(sets, allColumns).readingFrom(source, modelOptions.describe());
        RowsOnTwoThreads text = new RowsOnTwoThreads(FlowWriters.open(format, output, columns, source, names.scheme()));
        FlowWriter rows = kafka.tee(text, columns.model(), source, VerdictColumns::judgement);
        CaptureClassifier classify = new CaptureClassifier(config, flowSettings.ignoreVlan(), sets, model, policy,
                detectorOptions.settings(), threads, v -> write(rows, v));
        if (!allColumns) {
            classify.releasingFeatureState();
        }
        classifier = classify.classifier();
        CaptureRun first = new CaptureRun(classify.engine());
        inputOptions.applyTo(first);
        EmptyInputs empty = new EmptyInputs(first.pipeline());
        empty.watch(source);
        List<String> damaged = new ArrayList<>();
        IOException damage = null;
        try {
            first.run(source, Progress.wanted(progress), () -> {
                if (!allColumns) {
                    // Rows that waited go out now, on this thread alone: a second core formats half of them.
                    // (Rows with features read each set's state, whose row code need not be thread-safe.)
                    text.formatOnTwoThreads(classify.engine().meter().memoryBudget().openFlows());
                }
                classify.flush();
                rows.close();
            });
        } catch (CaptureFormatException e) {
            // Every flow read before the damage has its verdict: forward and summarise those.
            damage = e;
            damaged.add(e.getMessage());
        } catch (IOException e) {
            // Several inputs, some damaged: reading went on with the next; the same holds.
            if (!(source.unwrapped() instanceof SequenceSource sequence) || sequence.damaged().isEmpty()) {
                throw e;
            }
            damage = e;
            sequence.damaged().forEach(d -> damaged.add(d.getMessage()));
        } finally {
            if (!quiet) {
                first.printSummary(System.err, rows.rows());
            }
        }
        empty.print(System.err);
        HoldWarning.print(System.err, classifier);
        if (damage != null && first.pipeline().packetsRead() == 0) {
            throw damage; // damaged before its first packet: the damage (file, offset) is the message
        }
        InputChecks.requirePackets(first, fileFilter.filtering());
        FirstPass read = new FirstPass(first.pipeline().packetsRead(), first.pipeline().wireBytesRead(), first.interrupted());
        // The second pass needs the flows, not their features.
        FlowConfig sameFlows = FeatureSelection.sameFlowsAs(classify.engine().meter(), config);
        first = null; // its flow table and context windows may go before the second pass builds its own
        Forwarded fwd = new Forwarded();
        if (secondPass) {
            fwd = writePackets(sameFlows, flowSettings.ignoreVlan(), List.of(), read.packets, forwardFile, perPacketFile,
                    !damaged.isEmpty());
        }
        ClassifySummary summary = summary(read, fwd, secondPass, damaged, empty.found());
        if (!quiet) {
            System.err.println(summary.line());
        }
        if (summaryFile != null) {
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValue(summaryFile.temporary().toFile(), summary);
            summaryFile.commit();
        }
        if (damage != null) {
            throw damage;
        }
        return 0;
    }

    /** What the first pass read: the second pass reads no further, so both see the same flows. */
    private record FirstPass(long packets, long wireBytes, boolean interrupted) {
    }

    private void write(FlowWriter rows, FlowVerdict v) {
        Flow flow = v.flow();
        flows++;
        if (v.malicious()) {
            decidedBy.merge(v.decidedBy(), 1L, Long::sum);
            maliciousFlows++;
            malicious.add(flow.id);
        }
        try {
            rows.write(flow);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the second pass wrote. */
    private static final class Forwarded {
        long packets;
        long wireBytes;
        long refusedLinkType;
        long allPackets;
        long allWireBytes;
        boolean interrupted;
    }

    /**
     * Second pass: the same flows again (ids are deterministic), now with known verdicts, over the
     * {@code packetsToRead} packets the first pass read (fewer after a signal or damaged input).
     * Its files are renamed to their names once complete (also when a signal cut it short: the
     * summary then says so).
     */
    private Forwarded writePackets(FlowConfig config, boolean ignoreVlan, List<FeatureSet> sets, long packetsToRead,
                                   StagedFile forwardFile, StagedFile perPacketFile, boolean damageMet) throws IOException {
        Forwarded result = new Forwarded();
        FlowListener tracker = new FlowListener() {
            @Override
            public void onPacket(Flow flow, org.flowmeter.decode.DecodedPacket packet, boolean fwd) {
                if (flow.packets() == 1) {
                    flagIfInPattern(flow);
                }
            }

            @Override
            public void onFlowEnd(Flow flow) {
            }
        };
        CaptureRun second = new CaptureRun(new FlowEngine(config, ignoreVlan, sets, tracker, null));
        inputOptions.applyTo(second);
        PcapFileWriter pcap = forwardFile == null ? null
                : new PcapFileWriter(OutputFiles.stream(forwardFile.temporary().toString()));
        Writer perPacket = perPacketFile == null ? null : OutputFiles.writer(perPacketFile.temporary().toString());
        if (perPacket != null) {
            perPacket.write("packetIndex,timestampNanos,flowId,verdict\n");
        }
        StringBuilder line = new StringBuilder(64);
        long[] index = {0};
        second.pipeline().setPacketHook((raw, flow) -> {
            boolean bad = flow != null && malicious.contains(flow.id);
            if (bad && pcap != null) {
                pcap.write(raw);
            }
            if (perPacket != null) {
                line.setLength(0);
                line.append(index[0]).append(',').append(raw.timestampNanos).append(',');
                if (flow != null) {
                    line.append(flow.id).append(',').append(bad ? "malicious" : "benign");
                } else {
                    line.append(",none");
                }
                perPacket.append(line.append('\n'));
            }
            if (++index[0] == packetsToRead) {
                second.pipeline().requestStop();
            }
        });
        try {
            if (packetsToRead > 0) {
                second.run(fileFilter.open(inputs), false, () -> {
                    if (pcap != null) {
                        pcap.ensureHeader(LinkType.ETHERNET);
                        pcap.close();
                    }
                    if (perPacket != null) {
                        perPacket.close();
                    }
                });
            } else {
                closeEmpty(pcap, perPacket);
            }
        } catch (IOException e) {
            // The damage the first pass met (reported then): every packet before it is written.
            if (!damageMet) {
                throw e;
            }
        }
        if (forwardFile != null) {
            forwardFile.commit();
        }
        if (perPacketFile != null) {
            perPacketFile.commit();
        }
        result.interrupted = Interruption.signalled(); // stopping at the first pass's count is no interruption
        if (pcap != null) {
            result.packets = pcap.packets();
            result.wireBytes = pcap.wireBytes();
            result.refusedLinkType = pcap.refused();
        }
        result.allPackets = second.pipeline().packetsRead();
        result.allWireBytes = second.pipeline().wireBytesRead();
        return result;
    }

    private static void closeEmpty(PcapFileWriter pcap, Writer perPacket) throws IOException {
        if (pcap != null) {
            pcap.ensureHeader(LinkType.ETHERNET);
            pcap.close();
        }
        if (perPacket != null) {
            perPacket.close();
        }
    }

    /**
     * Second pass: a flow whose row was written before a detector found the pattern it belongs
     * to is still forwarded (its row keeps the verdict it was written with).
     */
    private void flagIfInPattern(Flow flow) {
        if (!malicious.contains(flow.id) && classifier.coveredBy(flow) != null) {
            malicious.add(flow.id);
            maliciousFlows++;
            flaggedAfterWritten++;
        }
    }

    private ClassifySummary summary(FirstPass run, Forwarded fwd, boolean secondPass, List<String> damaged,
                                    List<Map<String, String>> withoutFlows) {
        ClassifySummary.Forwarded forwarded = forward != null && secondPass
                ? new ClassifySummary.Forwarded(fwd.packets, fwd.wireBytes, fwd.refusedLinkType) : null;
        return ClassifySummary.of(modelOptions.describe(), run.packets(), run.wireBytes(), flows, maliciousFlows, decidedBy,
                secondPass ? flaggedAfterWritten : null, forwarded, run.interrupted() || fwd.interrupted, damaged,
                withoutFlows);
    }
}
