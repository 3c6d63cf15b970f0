package org.flowmeter.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.engine.FeatureSelection;
import org.flowmeter.engine.FlowEngine;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.live.CaptureSettings;
import org.flowmeter.live.DropWatch;
import org.flowmeter.live.KernelStats;
import org.flowmeter.live.LiveCapture;
import org.flowmeter.live.LiveMetrics;
import org.flowmeter.live.RecentPackets;
import org.flowmeter.options.DetectorOptions;
import org.flowmeter.options.DurationConverter;
import org.flowmeter.options.FlowOptions;
import org.flowmeter.options.ModelOptions;
import org.flowmeter.options.SizeConverter;
import org.flowmeter.output.FlowWriter;
import org.flowmeter.pcap.RawPacket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code flowmeter live}: classify the flows of a network interface as they happen. */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = {
            "Capture on an interface, classify every flow as it happens, stream verdicts and forward malicious traffic.",
            "",
            "Verdict rows start with a 'phase' column: 'early' when a flow's verdict at --early-after packets is"
                + " malicious (written at once, while the flow goes on), 'final' when the flow ends (every flow gets one).",
            "With --forward, the packets of a flow flagged malicious (early, or only when it ends) are written, from the"
                + " oldest still held in --keep-buffer, then as they come.",
            "Flows end on packet time and, when traffic is quiet, on wall-clock time. Ctrl-C (SIGINT) or SIGTERM stops"
                + " capture, ends every flow with its final row, closes all files and exits with status 0."})
final class LiveCommand implements Callable<Integer> {
    /** How long to wait for a packet before expiring flows on wall-clock time. */
    private static final long IDLE_POLL_MILLIS = 200;
    /** How often to look whether packets started being dropped. */
    private static final long DROP_CHECK_NANOS = 1_000_000_000L;

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--interface"}, required = true, paramLabel = "IFACE",
            description = "Interface to capture on (see 'flowmeter interfaces').")
    String iface;

    @Option(names = "--bpf", paramLabel = "EXPR", description = "Capture filter in tcpdump syntax, e.g. \"tcp port 443\".")
    String bpf;

    @Option(names = "--snaplen", paramLabel = "N",
            description = "Bytes kept per packet (default: " + CaptureSettings.HEADERS_SNAPLEN
                    + ", the headers the features read; with --forward " + CaptureSettings.FORWARD_SNAPLEN
                    + ", whole packets).")
    Integer snaplen;

    @Option(names = {"-B", "--buffer-size"}, paramLabel = "SIZE", defaultValue = "64M", converter = SizeConverter.class,
            description = "Kernel capture buffer, e.g. 2M, 64M, 1G: what absorbs bursts while flowmeter is busy"
                    + " (default: ${DEFAULT-VALUE}; tcpdump's is 2M).")
    long bufferSize;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "-",
            description = "Where to stream verdict rows (default: stdout).")
    String output;

    @Option(names = "--format", defaultValue = "csv", description = "Verdict format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FlowWriters.StreamFormat format;

    @Option(names = "--forward", paramLabel = "DIR",
            description = "Write packets of malicious flows to DIR/forward-00001.pcap, forward-00002.pcap, ...")
    Path forward;

    @Option(names = "--rotate-size", paramLabel = "SIZE", defaultValue = "100M", converter = SizeConverter.class,
            description = "Start the next forward file once one exceeds SIZE, e.g. 500K, 100M, 1G (default: ${DEFAULT-VALUE}).")
    long rotateSize;

    @Option(names = {"--keep-buffer", "--head-buffer"}, paramLabel = "SIZE", defaultValue = "64M",
            converter = SizeConverter.OrZero.class,
            description = "With --forward: hold copies of the most recent SIZE of packets of flows not flagged, so a flow "
                    + "flagged later (at --early-after packets or when it ends) is forwarded from the oldest of its "
                    + "packets still held; 0 forwards from the verdict on (default: ${DEFAULT-VALUE}).")
    long keepBuffer;

    @Option(names = "--early-after", paramLabel = "N",
            description = "Score a flow when it reaches N packets (as well as when it ends) (default: ${DEFAULT-VALUE}).")
    int earlyAfter = ClassifyCommand.DEFAULT_EARLY_PACKETS;

    @Option(names = "--all-columns", description = "Also write every feature of the flow.")
    boolean allColumns;

    @Option(names = "--stats-interval", paramLabel = "D", defaultValue = "5s", converter = DurationConverter.class,
            description = "Print a stats line on stderr this often, when something changed (default: ${DEFAULT-VALUE}).")
    Duration statsInterval;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics on http://HOST:PORT/metrics (all addresses): packets, bytes, kernel"
                    + " and queue drops, active flows, verdicts, forwarded packets and bytes, scoring time.")
    Integer metricsPort;

    @Mixin
    FlowOptions flowOptions;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    DetectorOptions detectorOptions;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    NameOptions names;

    private LiveVerdicts verdicts;
    private FlowEngine engine;
    private FlowMeter meter;
    private ForwardFiles forwardFiles;
    private RecentPackets recent;
    private RecentPackets.Sink forwardSink;
    /** Flows that ended while the current packet was added: a packet may end its own flow. */
    private final List<Flow> endedByPacket = new ArrayList<>();
    private long packets;
    private LiveMetrics metrics;
    private String lastStatsLine;

    @Override
    public Integer call() throws IOException {
        if (earlyAfter < 1) {
            throw new ParameterException(spec.commandLine(), "--early-after must be at least 1");
        }
        if (snaplen == null) {
            snaplen = forward == null ? CaptureSettings.HEADERS_SNAPLEN : CaptureSettings.FORWARD_SNAPLEN;
        }
        if (snaplen < 64) {
            throw new ParameterException(spec.commandLine(), "--snaplen must be at least 64");
        }
        if (bufferSize > Integer.MAX_VALUE) {
            throw new ParameterException(spec.commandLine(), "--buffer-size must be less than 2G");
        }
        var model = modelOptions.load();
        List<FeatureSet> sets = featureSets(model);
        LiveCapture capture = LiveCapture.open(iface,
                new CaptureSettings(snaplen, bufferSize, CaptureSettings.DEFAULT_QUEUE_BYTES), bpf);
        OutputStream out;
        FlowWriter rows;
        try {
            metrics = metricsPort == null ? LiveMetrics.unserved(capture::stats) : LiveMetrics.serve(metricsPort, capture::stats);
            out = OutputFiles.stream(output);
            LiveVerdictColumns schema = new LiveVerdictColumns(sets, allColumns).readingFrom(capture, modelOptions.describe());
            rows = kafka.tee(FlowWriters.stream(format, out, schema, schema.model(), schema::judgement, names.scheme(), capture),
                    schema.model(), capture, schema::judgement);
            kafka.reportTo(metrics);
            out.flush();
            verdicts = new LiveVerdicts(model, sets, earlyAfter, rows, out, this::afterFinalVerdict,
                    metrics, detectorOptions.settings());
            engine = new FlowEngine(flowOptions.config(), flowOptions.settings().ignoreVlan(), sets, verdicts, null);
            meter = engine.meter();
            forwardFiles = forward == null ? null : new ForwardFiles(forward, rotateSize);
            if (forwardFiles != null) {
                recent = new RecentPackets(keepBuffer);
                forwardSink = this::writeForwarded;
            }
        } catch (IOException | RuntimeException e) {
            capture.close();
            if (metrics != null) {
                metrics.close();
            }
            throw e;
        }
        try (SignalStop signals = new SignalStop(capture::stop)) {
            try {
                capture.start();
                System.err.printf(Locale.ROOT, "flowmeter: capturing on %s (link type %d, snaplen %d%s); Ctrl-C stops%n",
                        iface, capture.linkType(), snaplen, bpf == null ? "" : ", filter '" + bpf + "'");
                if (metrics.port() >= 0) {
                    System.err.printf(Locale.ROOT, "flowmeter: metrics on http://localhost:%d/metrics%n", metrics.port());
                }
                readUntilStopped(capture);
            } finally {
                capture.close();
                meter.finish();
                IOException rowsLost = null;
                try {
                    rows.close();
                } catch (IOException e) { // records lost to Kafka: the forward files still get closed
                    rowsLost = e;
                }
                if (forwardFiles != null) {
                    forwardFiles.close();
                }
                metrics.activeFlows(meter.activeFlows());
                metrics.close();
                System.err.println("flowmeter: stopped: " + statsLine(capture));
                if (rowsLost != null) {
                    throw rowsLost;
                }
            }
            signals.succeeded();
        }
        return 0;
    }

    /** What this run computes for {@code model}: classify's selection (only what the rows show or the model reads). */
    List<FeatureSet> featureSets(org.flowmeter.model.FlowModel model) {
        return FeatureSelection.forVerdicts(flowOptions.featureSetsFor(model), model, allColumns);
    }

    private void readUntilStopped(LiveCapture capture) throws IOException {
        PacketDecoder decoder = engine.pipeline().decoder();
        RawPacket raw = new RawPacket();
        DecodedPacket decoded = new DecodedPacket();
        long statsEvery = statsInterval.toNanos();
        long nextStats = System.nanoTime() + statsEvery;
        DropWatch drops = new DropWatch();
        long nextDropCheck = System.nanoTime() + DROP_CHECK_NANOS;
        while (true) {
            LiveCapture.Poll got = capture.poll(raw, IDLE_POLL_MILLIS);
            if (got == LiveCapture.Poll.END) {
                return;
            }
            if (got == LiveCapture.Poll.PACKET) {
                packets++;
                metrics.packet(raw.originalLength);
                if (decoder.decode(raw, decoded) == null) {
                    endedByPacket.clear();
                    Flow flow = meter.add(decoded);
                    if (forwardFiles != null) {
                        forward(flow, raw);
                    }
                }
            } else {
                // Quiet: end flows that went idle by the clock, and let readers see forwarded packets.
                meter.advanceTo(System.currentTimeMillis() * 1_000_000L);
                metrics.activeFlows(meter.activeFlows());
                if (forwardFiles != null) {
                    forwardFiles.flush();
                }
            }
            if (System.nanoTime() - nextDropCheck >= 0) {
                String warning = drops.check(capture.stats());
                if (warning != null) {
                    System.err.println("flowmeter: " + warning);
                }
                metrics.activeFlows(meter.activeFlows());
                nextDropCheck = System.nanoTime() + DROP_CHECK_NANOS;
            }
            if (System.nanoTime() - nextStats >= 0) {
                printStatsIfChanged(capture);
                nextStats = System.nanoTime() + statsEvery;
            }
        }
    }

    /**
     * A flagged flow's packets go out as they come, preceded by its packets held while it was not
     * flagged; the packets of a flow not flagged (yet) are held.
     */
    private void forward(Flow flow, RawPacket raw) throws IOException {
        if (flow == null) {
            return;
        }
        if (LiveVerdicts.isMalicious(flow)) {
            recent.forward(flow, forwardSink);
            writeForwarded(raw);
        } else if (!endedBy(flow)) {
            recent.hold(flow, raw);
        }
    }

    /** Whether the flow ended (got its final verdict) while the current packet was added. */
    private boolean endedBy(Flow flow) {
        for (int i = 0; i < endedByPacket.size(); i++) {
            if (endedByPacket.get(i) == flow) {
                return true;
            }
        }
        return false;
    }

    /** At a flow's end: a flow flagged now (or before) gets what is held of it forwarded; any other is forgotten. */
    private void afterFinalVerdict(Flow flow) {
        if (forwardFiles == null) {
            return;
        }
        endedByPacket.add(flow);
        try {
            if (LiveVerdicts.isMalicious(flow)) {
                recent.forward(flow, forwardSink);
            } else {
                recent.forget(flow);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeForwarded(RawPacket raw) throws IOException {
        forwardFiles.write(raw);
        metrics.forwarded(raw.capturedLength);
    }

    /** A quiet interface does not repeat the same line every interval. */
    private void printStatsIfChanged(LiveCapture capture) {
        String line = statsLine(capture);
        if (!line.equals(lastStatsLine)) {
            System.err.println("flowmeter: " + line);
            lastStatsLine = line;
        }
    }

    private String statsLine(LiveCapture capture) {
        KernelStats k = capture.stats();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "%d packets, %d flows active, %d/%d verdicts malicious (%d early), %d kernel drops, %d queue drops",
                packets, meter.activeFlows(), verdicts.finalMalicious(), verdicts.finalVerdicts(),
                verdicts.earlyMalicious(), k.kernelDropped() + k.interfaceDropped(), k.queueDropped()));
        if (kafka.lost() > 0) {
            s.append(String.format(Locale.ROOT, ", %d Kafka records lost", kafka.lost()));
        }
        if (forwardFiles != null) {
            s.append(String.format(Locale.ROOT, ", %d packets forwarded in %d files",
                    forwardFiles.packets(), forwardFiles.files().size()));
            if (recent.packetsLost() > 0) {
                s.append(String.format(Locale.ROOT, ", %d packets of flagged flows no longer held (--keep-buffer)",
                        recent.packetsLost()));
            }
        }
        return s.toString();
    }
}
