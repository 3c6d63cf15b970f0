package org.flowmeter.detect;

import org.flowmeter.flow.Flow;

/**
 * A cross-flow detector: it sees every flow once, when the flow ends, and decides whether the
 * flow belongs to a pattern that only many flows together show (a scan, a flood, guessing,
 * beaconing). Covering is by key and time: once a key's pattern is detected, every flow of that
 * key that started within the pattern's span is covered, including flows that ended before the
 * threshold was crossed, for as long as the key stays in the detector's table.
 */
public interface Detector {
    /** The name a verdict gives when this detector decided it. */
    String name();

    /** Counts an ended flow into the detector's state. */
    void observe(Flow flow, FlowFacts facts);

    /** Whether the flow (ended or not; only its key and start time are read) lies in a detected pattern. */
    boolean covers(Flow flow);

    /** Keys dropped from full tables so far (their counts and spans are forgotten). */
    long evictions();

    /**
     * Heap bytes its sets of distinct values may grow to beyond what the detector allocated at
     * construction: the memory cap reserves them ({@link Detectors#worstCaseBytes}).
     */
    default long distinctValueBytes() {
        return 0;
    }
}
