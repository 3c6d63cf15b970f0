package org.flowmeter.feature;

import java.time.Duration;
import java.util.List;

/**
 * Load around a flow, counted without a cap and as rates: over the flows the meter reported in
 * the last minute, how many its source, its host pair, its destination host and its service
 * (destination host, protocol, port) had, how many of them went unanswered or failed (for
 * every protocol: no backward packet, or a TCP reset), how many distinct hosts and endpoints
 * the source reached, and how many distinct sources the destination and the service had and how
 * many of those were answered. A spoofed-source flood or a reflection reaches one service or host
 * from thousands of sources that are almost never answered; a popular server answers all of its
 * sources; a UDP or ICMP flood goes unanswered as a TCP SYN flood does.
 *
 * <p>Each meter gets its own instance ({@link #forNewMeter()}); flows cut by file boundaries
 * cannot be joined. See docs/transfer-features.md.
 */
public final class LoadFeatures implements FeatureSet {
    public static final String NAME = "load";
    /** How far back reported flows count. */
    public static final Duration WINDOW = Duration.ofSeconds(60);
    /** At most this many reported flows are held, which bounds memory; rates stay right beyond it. */
    public static final int MAX_HELD_FLOWS = 1 << 17;
    /** The window takes at most this share of a memory cap at its worst case (smaller caps hold fewer flows). */
    static final int CAP_SHARE = 8;
    /** Never fewer reported flows than this, whatever the cap. */
    static final int MIN_HELD_FLOWS = 1 << 10;

    private final long windowNanos;
    private final int maxHeldFlows;
    private final RecentFlowReports reports;

    public LoadFeatures() {
        this(WINDOW.toNanos(), MAX_HELD_FLOWS);
    }

    /** A set with another window or bound (tests of the bound use a small one). */
    LoadFeatures(long windowNanos, int maxHeldFlows) {
        this.windowNanos = windowNanos;
        this.maxHeldFlows = maxHeldFlows;
        this.reports = new RecentFlowReports(windowNanos, maxHeldFlows);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Column> columns() {
        return LoadState.COLUMNS.columns();
    }

    @Override
    public FlowFeatures newFlow() {
        return new LoadState(reports);
    }

    @Override
    public FeatureSet forNewMeter() {
        return new LoadFeatures(windowNanos, maxHeldFlows);
    }

    /**
     * The window holds as many reported flows as fit, at their worst case (five distinct tallies
     * each), in an eighth of the cap: all {@link #MAX_HELD_FLOWS} under any cap above about 700 MB
     * (the default cap is half the heap), fewer under a small one (then counts cover a shorter
     * span when flows come faster, and rates are taken over that span).
     */
    @Override
    public FeatureSet within(long capBytes) {
        int held = heldFlowsWithin(capBytes, maxHeldFlows);
        return held == maxHeldFlows ? this : new LoadFeatures(windowNanos, held);
    }

    /** The largest power of two up to {@code most} whose window fits in {@link #CAP_SHARE} of the cap (at least {@link #MIN_HELD_FLOWS}). */
    static int heldFlowsWithin(long capBytes, int most) {
        int held = most;
        while (held > MIN_HELD_FLOWS && RecentFlowReports.worstCaseBytes(held) > capBytes / CAP_SHARE) {
            held = Math.max(MIN_HELD_FLOWS, Integer.highestOneBit(held - 1));
        }
        return held;
    }

    /** The window at its bound, every reported flow with five distinct tallies (docs/memory.md). */
    @Override
    public long sharedStateBytes() {
        return RecentFlowReports.worstCaseBytes(maxHeldFlows);
    }

    /** Reported flows the window holds at most. */
    int maxHeldFlows() {
        return maxHeldFlows;
    }
}
