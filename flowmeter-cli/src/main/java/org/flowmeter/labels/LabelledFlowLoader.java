package org.flowmeter.labels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureVector;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.EmptyInputReason;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.flow.FlowPipeline;
import org.flowmeter.flow.FlowSample;
import org.flowmeter.pcap.CaptureFormatException;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;

/**
 * Gathers labelled flows from inputs: captures go through the flow meter with the feature
 * sets; flow tables are read as they are. A capture is recognised by its content, a table by
 * not being one.
 */
public final class LabelledFlowLoader {
    private final List<FeatureSet> sets;
    private final String[] features;
    private final FlowConfig config;
    private final HostLabels hosts;
    private final FlowTableReader tables;
    private final Consumer<String> warnings;

    public LabelledFlowLoader(List<FeatureSet> sets, String[] features, FlowConfig config, HostLabels hosts,
                              String labelColumn, String benignValue, Consumer<String> warnings) {
        this.warnings = warnings;
        this.sets = sets;
        this.features = features.clone();
        this.config = config;
        this.hosts = hosts;
        this.tables = new FlowTableReader(features, new Labeller(hosts, labelColumn, benignValue));
    }

    /**
     * Adds the flows of one input, as a meter sees them when it keeps only the flows of
     * {@code sample} (null: all). A flow table cannot be read so, and gives nothing then.
     *
     * @param fixedLabel true or false when the whole input has one label, null to label by host or column
     */
    public void load(String input, Boolean fixedLabel, FlowSample sample, LabelledFlows out) throws IOException {
        Path path = Path.of(input);
        if (Files.isDirectory(path)) {
            for (Path file : Captures.scan(path).captures()) {
                loadCapture(file.toString(), fixedLabel, sample, out);
            }
        } else if (Captures.isCapture(path)) {
            loadCapture(input, fixedLabel, sample, out);
        } else if (!Files.exists(path)) {
            throw new java.nio.file.NoSuchFileException(input);
        } else if (sample == null) {
            tables.read(path, fixedLabel, out);
        }
    }

    private void loadCapture(String input, Boolean fixedLabel, FlowSample sample, LabelledFlows out)
            throws IOException {
        if (fixedLabel == null && hosts.isEmpty()) {
            throw new IOException(input + ": no labels: give --benign/--malicious, --malicious-host or --labels");
        }
        FeatureVector vector = new FeatureVector(sets, List.of(features));
        FlowMeter meter = new FlowMeter(config, sets, (Flow flow) -> {
            double[] values = new double[features.length];
            vector.fill(flow, values);
            boolean malicious = fixedLabel != null ? fixedLabel
                    : hosts.touches(flow.ipVersion, flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo);
            out.add(input, values, malicious, flow.packets(), flow.bytes(), flow.firstNanos(), flow.hash());
        }, sample);
        FlowPipeline pipeline = new FlowPipeline(new PacketDecoder(), meter);
        try (PacketSource source = Captures.open(input)) {
            pipeline.run(source, null);
        } catch (CaptureFormatException e) {
            // A damaged capture among many still gives the flows read before the damage.
            warnings.accept("warning: " + e.getMessage() + " (flows before this point are kept)");
        } finally {
            meter.finish();
        }
        if (meter.flowsStarted() == 0) {
            warnings.accept(input + ": no flows: " + EmptyInputReason.of(pipeline));
        }
    }
}
