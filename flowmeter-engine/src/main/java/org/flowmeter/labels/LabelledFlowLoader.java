package org.flowmeter.labels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.flowmeter.engine.DetectorSettings;
import org.flowmeter.engine.FlowClassifier;
import org.flowmeter.engine.FlowEngine;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureVector;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.EmptyInputReason;
import org.flowmeter.flow.FlowListener;
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
    private DetectorSettings detectors;
    private boolean ignoreVlan;
    private Function<PacketSource, ReadProgress> progress;

    /** How far reading one capture has got (a progress bar while train, evaluate or report read). */
    public interface ReadProgress {
        void update(PacketSource source);

        /** The capture was read to its end (or its damage). */
        void done(PacketSource source);
    }

    /** Shows the reading of every capture through a {@link ReadProgress} made for it. */
    public void showProgress(Function<PacketSource, ReadProgress> bars) {
        this.progress = bars;
    }

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
     * Runs fresh cross-flow detectors over each capture (as classify does) and marks the rows of
     * flows in a detected pattern ({@link LabelledFlows#detected()}); flow tables are not covered.
     */
    public void runDetectors(DetectorSettings detectors) {
        this.detectors = detectors;
    }

    /** Leaves VLAN ids out of the flow key of captures. */
    public void ignoreVlan(boolean ignore) {
        this.ignoreVlan = ignore;
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
        checkLabels(input, fixedLabel);
        loadCapture(input, () -> Captures.open(input), fixedLabel, sample, out);
    }

    /**
     * Adds the flows of one capture that {@code open} opens (Spark's tasks open theirs through
     * Hadoop's file systems), named {@code input}; the source is closed at the end.
     *
     * @param fixedLabel true or false when the whole capture has one label, null to label by host
     */
    public void loadCapture(String input, CaptureOpener open, Boolean fixedLabel, LabelledFlows out) throws IOException {
        loadSample(input, open, fixedLabel, null, out);
    }

    /** As {@link #loadCapture(String, CaptureOpener, Boolean, LabelledFlows)}, reading only the flows of {@code sample} (null: all). */
    public void loadSample(String input, CaptureOpener open, Boolean fixedLabel, FlowSample sample, LabelledFlows out)
            throws IOException {
        checkLabels(input, fixedLabel);
        loadCapture(input, open, fixedLabel, sample, out);
    }

    /** Opens a capture. */
    @FunctionalInterface
    public interface CaptureOpener {
        PacketSource open() throws IOException;
    }

    private void checkLabels(String input, Boolean fixedLabel) throws IOException {
        if (fixedLabel == null && hosts.isEmpty()) {
            throw new IOException(input + ": no labels: give --benign/--malicious, --malicious-host or --labels");
        }
    }

    private void loadCapture(String input, CaptureOpener open, Boolean fixedLabel, FlowSample sample,
                             LabelledFlows out) throws IOException {
        FeatureVector vector = new FeatureVector(sets, List.of(features));
        ToIntFunction<Flow> addRow = flow -> {
            double[] values = new double[features.length];
            vector.fill(flow, values);
            boolean malicious = fixedLabel != null ? fixedLabel
                    : hosts.touches(flow.ipVersion, flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo);
            return out.add(input, values, malicious, flow.packets(), flow.bytes(), flow.firstNanos(), flow.hash());
        };
        FlowClassifier marks = detectors == null || sample != null ? null : detectorMarks(addRow, out);
        FlowListener listener = marks != null ? marks : (Flow flow) -> addRow.applyAsInt(flow);
        FlowEngine engine = new FlowEngine(config, ignoreVlan, sets, listener, sample);
        FlowMeter meter = engine.meter();
        FlowPipeline pipeline = engine.pipeline();
        try (PacketSource source = open.open()) {
            ReadProgress bar = progress == null ? null : progress.apply(source);
            try {
                pipeline.run(source, bar == null ? null : (s, n) -> bar.update(s));
            } finally {
                if (bar != null) {
                    bar.done(source);
                }
            }
        } catch (CaptureFormatException e) {
            // A damaged capture among many still gives the flows read before the damage.
            warnings.accept("warning: " + e.getMessage() + " (flows before this point are kept)");
        } finally {
            meter.finish();
            if (marks != null) {
                marks.flush();
            }
        }
        if (meter.flowsStarted() == 0) {
            warnings.accept(input + ": no flows: " + EmptyInputReason.of(pipeline));
        }
    }

    /**
     * Runs the cross-flow detectors over one capture's flows as classify does (each ended flow
     * counted, held back as long as the detectors' longest window, then checked against the
     * patterns found) and marks the rows of flows that lie in a detected pattern, so that
     * evaluation measures what classify would flag. Rows are added as held flows leave, in the
     * order the flows ended.
     */
    private FlowClassifier detectorMarks(ToIntFunction<Flow> addRow, LabelledFlows out) {
        FlowClassifier[] marks = new FlowClassifier[1];
        marks[0] = FlowClassifier.detectorsOnly(detectors, flow -> {
            int row = addRow.applyAsInt(flow);
            String by = marks[0].coveredBy(flow);
            if (by != null && row >= 0) {
                out.markDetected(row, by);
            }
        });
        return marks[0];
    }
}
