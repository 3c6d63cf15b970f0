package org.flowmeter.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.live.KernelStats;
import org.flowmeter.live.LiveCapture;
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
            "With --forward, packets of a flow are written from its malicious verdict on (the early one, or the final"
                + " one for flows too short to reach --early-after, which then forward nothing).",
            "Flows end on packet time and, when traffic is quiet, on wall-clock time. Ctrl-C (SIGINT) or SIGTERM stops"
                + " capture, ends every flow with its final row, closes all files and exits with status 0."})
final class LiveCommand implements Callable<Integer> {
    /** How long to wait for a packet before expiring flows on wall-clock time. */
    private static final long IDLE_POLL_MILLIS = 200;

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--interface"}, required = true, paramLabel = "IFACE",
            description = "Interface to capture on (see 'flowmeter interfaces').")
    String iface;

    @Option(names = "--bpf", paramLabel = "EXPR", description = "Capture filter in tcpdump syntax, e.g. \"tcp port 443\".")
    String bpf;

    @Option(names = "--snaplen", paramLabel = "N", defaultValue = "262144",
            description = "Bytes kept per packet (default: ${DEFAULT-VALUE}).")
    int snaplen;

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

    @Option(names = "--head-buffer", paramLabel = "SIZE", defaultValue = "64M", converter = SizeConverter.OrZero.class,
            description = "With --forward: keep up to SIZE of the first packets of flows without a verdict, so a flow "
                    + "found malicious later is forwarded from its first packet; 0 forwards from the verdict on "
                    + "(default: ${DEFAULT-VALUE}).")
    long headBuffer;

    @Option(names = "--early-after", paramLabel = "N",
            description = "Score a flow when it reaches N packets (as well as when it ends) (default: ${DEFAULT-VALUE}).")
    int earlyAfter = ClassifyCommand.DEFAULT_EARLY_PACKETS;

    @Option(names = "--threshold", paramLabel = "P", description = "Override the model's decision threshold (score >= P is malicious).")
    Double threshold;

    @Option(names = "--all-columns", description = "Also write every feature of the flow.")
    boolean allColumns;

    @Option(names = "--stats-interval", paramLabel = "D", defaultValue = "5s", converter = DurationConverter.class,
            description = "Print a stats line on stderr this often (default: ${DEFAULT-VALUE}).")
    Duration statsInterval;

    @Mixin
    FlowOptions flowOptions;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    KafkaOptions kafka;

    private LiveVerdicts verdicts;
    private FlowMeter meter;
    private ForwardFiles forwardFiles;
    private HeadPackets heads;
    private long packets;

    @Override
    public Integer call() throws IOException {
        if (earlyAfter < 1) {
            throw new ParameterException(spec.commandLine(), "--early-after must be at least 1");
        }
        if (snaplen < 64) {
            throw new ParameterException(spec.commandLine(), "--snaplen must be at least 64");
        }
        var model = threshold == null ? modelOptions.load() : modelOptions.load().withThreshold(threshold);
        List<FeatureSet> sets = flowOptions.featureSetsFor(model);
        LiveCapture capture = LiveCapture.open(iface, snaplen, bpf);
        OutputStream out;
        FlowWriter rows;
        try {
            out = OutputFiles.stream(output);
            LiveVerdictColumns schema = new LiveVerdictColumns(sets, allColumns).readingFrom(capture, modelOptions.describe());
            rows = kafka.tee(FlowWriters.stream(format, out, schema, schema.model(), schema::judgement),
                    schema.model(), capture, schema::judgement);
            out.flush();
            heads = new HeadPackets(headBuffer);
            verdicts = new LiveVerdicts(new FlowScorer(model, sets), earlyAfter, schema, rows, out, this::afterFinalVerdict);
            meter = new FlowMeter(flowOptions.config(), sets, verdicts);
            forwardFiles = forward == null ? null : new ForwardFiles(forward, rotateSize);
        } catch (IOException | RuntimeException e) {
            capture.close();
            throw e;
        }
        try (SignalStop signals = new SignalStop(capture::stop)) {
            try {
                capture.start();
                System.err.printf(Locale.ROOT, "flowmeter: capturing on %s (link type %d, snaplen %d%s); Ctrl-C stops%n",
                        iface, capture.linkType(), snaplen, bpf == null ? "" : ", filter '" + bpf + "'");
                readUntilStopped(capture);
            } finally {
                capture.close();
                meter.finish();
                rows.close();
                if (forwardFiles != null) {
                    forwardFiles.close();
                }
                System.err.println("flowmeter: stopped: " + statsLine(capture));
            }
            signals.succeeded();
        }
        return 0;
    }

    private void readUntilStopped(LiveCapture capture) throws IOException {
        PacketDecoder decoder = new PacketDecoder();
        RawPacket raw = new RawPacket();
        DecodedPacket decoded = new DecodedPacket();
        long statsEvery = statsInterval.toNanos();
        long nextStats = System.nanoTime() + statsEvery;
        while (true) {
            LiveCapture.Poll got = capture.poll(raw, IDLE_POLL_MILLIS);
            if (got == LiveCapture.Poll.END) {
                return;
            }
            if (got == LiveCapture.Poll.PACKET) {
                packets++;
                if (decoder.decode(raw, decoded) == null) {
                    meter.add(decoded);
                    if (forwardFiles != null) {
                        forward(verdicts.current(), raw);
                    }
                }
            } else {
                // Quiet: end flows that went idle by the clock, and let readers see forwarded packets.
                meter.advanceTo(System.currentTimeMillis() * 1_000_000L);
                if (forwardFiles != null) {
                    forwardFiles.flush();
                }
            }
            if (System.nanoTime() - nextStats >= 0) {
                System.err.println("flowmeter: " + statsLine(capture));
                nextStats = System.nanoTime() + statsEvery;
            }
        }
    }

    /**
     * A malicious flow's packets go out from its verdict on, preceded by its first packets kept
     * while it had no verdict; a benign verdict drops those.
     */
    private void forward(Flow flow, RawPacket raw) throws IOException {
        if (flow == null) {
            return;
        }
        if (!LiveVerdicts.decided(flow)) {
            heads.hold(flow, raw);
            return;
        }
        releaseHeads(flow);
        if (LiveVerdicts.isMalicious(flow)) {
            forwardFiles.write(raw);
        }
    }

    /** A decided flow's kept first packets: forwarded when it is malicious, dropped otherwise. */
    private void releaseHeads(Flow flow) throws IOException {
        if (LiveVerdicts.isMalicious(flow)) {
            heads.forward(flow, forwardFiles);
        } else {
            heads.forget(flow);
        }
    }

    /** A flow that ended before its early verdict is decided now: forward what was kept of it, or drop it. */
    private void afterFinalVerdict(Flow flow) {
        if (forwardFiles == null) {
            return;
        }
        try {
            releaseHeads(flow);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String statsLine(LiveCapture capture) {
        KernelStats k = capture.stats();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "%d packets, %d flows active, %d/%d verdicts malicious (%d early), %d kernel drops, %d queue drops",
                packets, meter.activeFlows(), verdicts.finalMalicious(), verdicts.finalVerdicts(),
                verdicts.earlyMalicious(), k.kernelDropped() + k.interfaceDropped(), k.queueDropped()));
        if (forwardFiles != null) {
            s.append(String.format(Locale.ROOT, ", %d packets forwarded in %d files",
                    forwardFiles.packets(), forwardFiles.files().size()));
            if (heads.packetsNotKept() > 0) {
                s.append(String.format(Locale.ROOT, ", %d first packets not kept (--head-buffer full)", heads.packetsNotKept()));
            }
        }
        return s.toString();
    }
}
