package org.flowmeter.detect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.flowmeter.flow.ObjectSizes;

/** The enabled detectors, asked in a fixed order; the first that covers a flow names its verdict. */
public final class Detectors {
    private static final Map<String, Function<DetectorConfig, Detector>> ALL = new LinkedHashMap<>();

    static {
        ALL.put(ScanDetector.NAME, ScanDetector::new);
        // Before flood: a fast tunnel over one socket may also pass flood's one-flow DNS rule,
        // and "tunnel" says more.
        ALL.put(TunnelDetector.NAME, TunnelDetector::new);
        ALL.put(FloodDetector.NAME, FloodDetector::new);
        ALL.put(ManySourcesFloodDetector.NAME, ManySourcesFloodDetector::new);
        ALL.put(LinkFloodDetector.NAME, LinkFloodDetector::new);
        ALL.put(GuessingDetector.NAME, GuessingDetector::new);
        ALL.put(BeaconDetector.NAME, BeaconDetector::new);
        ALL.put(SlowDosDetector.NAME, SlowDosDetector::new);
    }

    private final Detector[] detectors;

    private Detectors(List<Detector> detectors) {
        this.detectors = detectors.toArray(new Detector[0]);
    }

    /** Every detector's name, in the order they are asked. */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** The named detectors (unknown names are an IllegalArgumentException). */
    public static Detectors of(Collection<String> names, DetectorConfig config) {
        List<Detector> chosen = new ArrayList<>();
        for (String name : ALL.keySet()) {
            if (names.contains(name)) {
                chosen.add(ALL.get(name).apply(config));
            }
        }
        for (String name : names) {
            if (!ALL.containsKey(name)) {
                throw new IllegalArgumentException("unknown detector '" + name + "' (known: " + String.join(", ", ALL.keySet()) + ")");
            }
        }
        return new Detectors(chosen);
    }

    public static Detectors none() {
        return new Detectors(List.of());
    }

    public boolean isEmpty() {
        return detectors.length == 0;
    }

    /** Counts an ended flow into every detector. */
    public void observe(org.flowmeter.flow.Flow flow, FlowFacts facts) {
        for (Detector d : detectors) {
            d.observe(flow, facts);
        }
    }

    /** The name of the first detector whose detected pattern covers the flow, or null. */
    public String coveredBy(org.flowmeter.flow.Flow flow) {
        for (Detector d : detectors) {
            if (d.covers(flow)) {
                return d.name();
            }
        }
        return null;
    }

    /**
     * Heap bytes of every detector's tables at their worst case: the fixed arrays allocated at
     * construction ({@link ObjectSizes}) and each table's sets of distinct values grown to their
     * caps. Call before the first flow (it measures the tables as they are).
     */
    public long worstCaseBytes() {
        long n = 0;
        for (Detector d : detectors) {
            n += ObjectSizes.deepSize(d) + d.distinctValueBytes();
        }
        return n;
    }

    /** Keys dropped from full tables, over all detectors. */
    public long evictions() {
        long n = 0;
        for (Detector d : detectors) {
            n += d.evictions();
        }
        return n;
    }
}
