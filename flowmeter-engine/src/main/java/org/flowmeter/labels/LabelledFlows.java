package org.flowmeter.labels;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flowmeter.model.Dataset;

/**
 * Flows with features and labels, gathered from captures and flow tables: what training and
 * evaluation work on. Packet and byte counts are known for flows from captures (and from flow
 * tables that carry them), else -1. Serializable: Spark's tasks each load one capture, and the
 * driver joins their flows ({@link #addAll}).
 */
public final class LabelledFlows implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final String[] featureNames;
    private final List<double[]> rows = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private final List<long[]> sizes = new ArrayList<>();
    private final List<Integer> inputIndex = new ArrayList<>();
    private final Map<String, Integer> inputs = new LinkedHashMap<>();
    private final Map<String, int[]> perInput = new LinkedHashMap<>();
    private int dropped;
    private final BitSet detected = new BitSet();
    private final Map<String, Integer> detectedBy = new TreeMap<>();

    public LabelledFlows(String[] featureNames) {
        this.featureNames = featureNames.clone();
    }

    public String[] featureNames() {
        return featureNames.clone();
    }

    /** Adds one flow; rows with a missing or non-finite feature are dropped and counted. */
    public void add(String input, double[] features, boolean malicious, long packets, long bytes) {
        add(input, features, malicious, packets, bytes, 0, 0);
    }

    /**
     * Adds one flow of a capture, with what tells it from the capture's other flows (its first
     * packet's time and its flow hash), so the same flow is found in another reading of the capture.
     */
    public int add(String input, double[] features, boolean malicious, long packets, long bytes,
                   long firstNanos, int flowHash) {
        for (double v : features) {
            if (!Double.isFinite(v)) {
                dropped++;
                return -1;
            }
        }
        rows.add(features);
        labels.add(malicious ? Dataset.MALICIOUS : Dataset.BENIGN);
        sizes.add(new long[] {packets, bytes, firstNanos, flowHash});
        inputIndex.add(inputs.computeIfAbsent(input, k -> inputs.size()));
        perInput.computeIfAbsent(input, k -> new int[2])[malicious ? 1 : 0]++;
        return rows.size() - 1;
    }

    /**
     * Appends the flows of {@code part} (read with the same features), as if they had been added
     * here one by one after the flows already here, and counts its dropped flows.
     */
    public void addAll(LabelledFlows part) {
        if (!java.util.Arrays.equals(featureNames, part.featureNames)) {
            throw new IllegalArgumentException("the flows have other features");
        }
        List<String> names = part.inputNames();
        for (int i = 0; i < part.size(); i++) {
            long[] s = part.sizes.get(i);
            add(names.get(part.inputIndex.get(i)), part.rows.get(i), part.labels.get(i) == Dataset.MALICIOUS, s[0], s[1],
                    s[2], (int) s[3]);
        }
        dropped += part.dropped;
    }

    /** Marks a row as flagged by a cross-flow detector (whatever the model scores it). */
    public void markDetected(int row, String detector) {
        if (!detected.get(row)) {
            detected.set(row);
            detectedBy.merge(detector, 1, Integer::sum);
        }
    }

    /** Rows flagged by a cross-flow detector; empty when no detector ran. */
    public BitSet detected() {
        return (BitSet) detected.clone();
    }

    /** Rows flagged by each detector, by its name. */
    public Map<String, Integer> detectedBy() {
        return new TreeMap<>(detectedBy);
    }

    public void countDropped() {
        dropped++;
    }

    public int size() {
        return rows.size();
    }

    public int dropped() {
        return dropped;
    }

    /** The inputs in the order of their group numbers in {@link #dataset()}. */
    public List<String> inputNames() {
        return List.copyOf(inputs.keySet());
    }

    /** Per input: {benign, malicious} flow counts. */
    public Map<String, int[]> perInput() {
        return perInput;
    }

    /** All rows; each row's group is the index of the input it came from. */
    public Dataset dataset() {
        int[] y = new int[labels.size()];
        int[] groups = new int[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
            groups[i] = inputIndex.get(i);
        }
        return new Dataset(featureNames, rows.toArray(new double[0][]), y, groups);
    }

    /** Packets per flow, or null when some flow's count is unknown. */
    public long[] packets() {
        return column(0);
    }

    /** Wire bytes per flow, or null when some flow's count is unknown. */
    public long[] bytes() {
        return column(1);
    }

    /**
     * For each flow of {@code copies} (the same inputs read another way, such as a thinned reading),
     * the index of the same flow here (same input, first packet time and flow hash), or -1.
     */
    public int[] originalsOf(LabelledFlows copies) {
        Map<FlowKey, Integer> index = new HashMap<>();
        List<String> names = inputNames();
        for (int i = 0; i < rows.size(); i++) {
            index.put(key(names, i), i);
        }
        List<String> copyNames = copies.inputNames();
        int[] out = new int[copies.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index.getOrDefault(copies.key(copyNames, i), -1);
        }
        return out;
    }

    private FlowKey key(List<String> names, int row) {
        long[] s = sizes.get(row);
        return new FlowKey(names.get(inputIndex.get(row)), s[2], (int) s[3]);
    }

    private record FlowKey(String input, long firstNanos, int flowHash) {}

    private long[] column(int c) {
        long[] out = new long[sizes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = sizes.get(i)[c];
            if (out[i] < 0) {
                return null;
            }
        }
        return out;
    }
}
