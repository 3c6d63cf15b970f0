package org.flowmeter.feature;

import java.time.Duration;
import java.util.List;
import org.flowmeter.decode.DecodedPacket;

/**
 * Where a flow stands among the flows around it: counts of the flows that started in the minute
 * before it (itself included) from its source host, to its destination host, between the two, and
 * how many distinct hosts and services its source reached. Scans, floods and brute-force tools
 * start many flows from one host; one flow of theirs often looks ordinary on its own.
 *
 * <p>Unlike the other sets, this one keeps state shared by the flows of a meter, so each meter
 * gets its own instance ({@link #forNewMeter()}). Values depend on the flows that started
 * before, so flows cut by file boundaries cannot be joined exactly (see docs/context-features.md).
 */
public final class HostContextFeatures implements FeatureSet {
    public static final String NAME = "context";
    /** How far back flow starts count. */
    public static final Duration WINDOW = Duration.ofSeconds(60);
    /** At most this many of the latest flow starts count, which bounds memory. */
    public static final int MAX_RECENT_FLOWS = 1 << 16;

    private static final List<Column> COLUMNS = List.of(
            Column.integer("ctxPairFlows"),
            Column.integer("ctxSrcFlows"),
            Column.integer("ctxSrcHosts"),
            Column.integer("ctxSrcServices"),
            Column.integer("ctxDstFlows"),
            Column.integer("ctxDstSources"));

    private final RecentFlowStarts recent;

    public HostContextFeatures() {
        this(WINDOW, MAX_RECENT_FLOWS);
    }

    HostContextFeatures(Duration window, int maxRecentFlows) {
        this.recent = new RecentFlowStarts(window.toNanos(), maxRecentFlows);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public FlowFeatures newFlow() {
        return new State(recent);
    }

    @Override
    public FeatureSet forNewMeter() {
        return new HostContextFeatures();
    }

    /** A flow's counts, taken when its first packet arrives. */
    static final class State implements FlowFeatures {
        private static final long serialVersionUID = 1L;

        private final transient RecentFlowStarts recent;
        private final int[] counts = new int[RecentFlowStarts.COUNTS];

        State(RecentFlowStarts recent) {
            this.recent = recent;
        }

        @Override
        public void onFirstPacket(DecodedPacket p, boolean forward) {
            if (forward) {
                recent.record(p.timestampNanos, p.ipVersion, p.srcHi, p.srcLo, p.dstHi, p.dstLo,
                        service(p.protocol, p.dstPort), counts);
            } else {
                recent.record(p.timestampNanos, p.ipVersion, p.dstHi, p.dstLo, p.srcHi, p.srcLo,
                        service(p.protocol, p.srcPort), counts);
            }
        }

        private static int service(int protocol, int port) {
            return protocol << 16 | port;
        }

        @Override
        public void onPacket(DecodedPacket p, boolean forward) {
            // Counts describe the flow's start; later packets change nothing.
        }

        @Override
        public void write(RowWriter out) {
            for (int c : counts) {
                out.integer(c);
            }
        }

        @Override
        public void values(double[] out, int offset) {
            for (int i = 0; i < counts.length; i++) {
                out[offset + i] = counts[i];
            }
        }
    }
}
