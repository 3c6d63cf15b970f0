package org.flowmeter.feature;

import java.time.Duration;
import java.util.List;
import org.flowmeter.decode.DecodedPacket;

/**
 * Where a flow stands among the flows around it: counts of the flows that started in the minute
 * before it (itself included) from its source host, to its destination host, between the two, and
 * how many distinct hosts and services its source reached; and, over the flows between the same
 * two hosts that ended in the minute before it, how many distinct byte totals each way they had and
 * how many went unanswered or were reset; and, over the source's flows that ended in that minute,
 * at how many endpoints they failed and by how many they were answered. Scans, floods and
 * brute-force tools start many flows from one host, scans and floods leave them unanswered or
 * reset, and guessing or fuzzing tools vary their requests where a load test repeats one; one flow
 * of theirs often looks ordinary on its own.
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
    /** At most this many host pairs with recently ended flows are kept (the quietest is dropped first). */
    public static final int MAX_RECENT_PAIRS = 1 << 14;
    /** At most this many source hosts with recently ended flows are kept (the quietest is dropped first). */
    public static final int MAX_RECENT_SOURCES = 1 << 13;

    private final RecentFlowStarts recent;
    private final RecentFlowEnds ends;
    private final RecentSourceEnds sourceEnds;

    public HostContextFeatures() {
        this.recent = new RecentFlowStarts(WINDOW.toNanos(), MAX_RECENT_FLOWS);
        this.ends = new RecentFlowEnds(WINDOW.toNanos(), MAX_RECENT_PAIRS);
        this.sourceEnds = new RecentSourceEnds(WINDOW.toNanos(), MAX_RECENT_SOURCES);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Column> columns() {
        return State.COLUMNS.columns();
    }

    @Override
    public FlowFeatures newFlow() {
        return new State(recent, ends, sourceEnds);
    }

    @Override
    public FeatureSet forNewMeter() {
        return new HostContextFeatures();
    }

    /** The three windows at their bounds (see docs/memory.md). */
    @Override
    public long sharedStateBytes() {
        return RecentFlowStarts.worstCaseBytes(MAX_RECENT_FLOWS) + RecentFlowEnds.worstCaseBytes(MAX_RECENT_PAIRS)
                + RecentSourceEnds.worstCaseBytes(MAX_RECENT_SOURCES);
    }

    /**
     * A flow's counts: the start counts taken when its first packet arrives, the counts over the
     * pair's ended flows when it ends (or, for an early score of a flow still open, as they stand).
     */
    static final class State implements FlowFeatures {
        private static final long serialVersionUID = 1L;

        static final ColumnSet<State> COLUMNS = ColumnSet.<State>builder()
                .integerRaising("ctxPairFlows")
                .integerRaising("ctxSrcFlows")
                .integerRaising("ctxSrcHosts")
                .integerRaising("ctxSrcServices")
                .integerRaising("ctxDstFlows")
                .integerRaising("ctxDstSources")
                .integer("ctxPairFwdSizes")
                .integer("ctxPairBwdSizes")
                .integerRaising("ctxPairUnanswered")
                .integerRaising("ctxPairResets")
                .integerRaising("ctxSrcFailedEndpoints")
                .integer("ctxSrcAnsweredEndpoints")
                .build(State::column);

        /**
         * Column {@code column}'s value: case {@code i} is the expression of the {@code i}-th column
         * declared in {@link #COLUMNS}, written only here. Rows read it through {@code COLUMNS},
         * scores call it directly: one direct call per column, not a megamorphic one.
         */
        static double column(State s, int column) {
            return switch (column) {
                case 0 -> s.counts[RecentFlowStarts.PAIR_FLOWS];
                case 1 -> s.counts[RecentFlowStarts.SOURCE_FLOWS];
                case 2 -> s.counts[RecentFlowStarts.SOURCE_HOSTS];
                case 3 -> s.counts[RecentFlowStarts.SOURCE_SERVICES];
                case 4 -> s.counts[RecentFlowStarts.DESTINATION_FLOWS];
                case 5 -> s.counts[RecentFlowStarts.DESTINATION_SOURCES];
                case 6 -> s.endCounts[RecentFlowEnds.FWD_SIZES];
                case 7 -> s.endCounts[RecentFlowEnds.BWD_SIZES];
                case 8 -> s.endCounts[RecentFlowEnds.UNANSWERED];
                case 9 -> s.endCounts[RecentFlowEnds.RESETS];
                case 10 -> s.sourceEndCounts[RecentSourceEnds.FAILED_ENDPOINTS];
                case 11 -> s.sourceEndCounts[RecentSourceEnds.ANSWERED_ENDPOINTS];
                default -> throw new IndexOutOfBoundsException(column);
            };
        }

        private final transient RecentFlowStarts recent;
        private final transient RecentFlowEnds ends;
        private final transient RecentSourceEnds sourceEnds;
        private final int[] counts = new int[RecentFlowStarts.COUNTS];
        /** Counts over the pair's recently ended flows (see {@link RecentFlowEnds#count}). */
        private final int[] endCounts = new int[RecentFlowEnds.COUNTS];
        /** Counts over the source's recently ended flows (see {@link RecentSourceEnds#count}). */
        private final int[] sourceEndCounts = new int[RecentSourceEnds.COUNTS];
        /** The flow's hosts (source is the forward direction's) and service, kept as numbers: keys are made when used. */
        private int version;
        private long srcHi;
        private long srcLo;
        private long dstHi;
        private long dstLo;
        private int service;
        private long forwardBytes;
        private long backwardBytes;
        private long lastNanos;
        private boolean reset;
        private boolean ended;

        State(RecentFlowStarts recent, RecentFlowEnds ends, RecentSourceEnds sourceEnds) {
            this.recent = recent;
            this.ends = ends;
            this.sourceEnds = sourceEnds;
        }

        @Override
        public void onFirstPacket(DecodedPacket p, boolean forward) {
            version = p.ipVersion;
            if (forward) {
                srcHi = p.srcHi;
                srcLo = p.srcLo;
                dstHi = p.dstHi;
                dstLo = p.dstLo;
                service = service(p.protocol, p.dstPort);
            } else {
                srcHi = p.dstHi;
                srcLo = p.dstLo;
                dstHi = p.srcHi;
                dstLo = p.srcLo;
                service = service(p.protocol, p.srcPort);
            }
            recent.record(p.timestampNanos, version, srcHi, srcLo, dstHi, dstLo, service, counts);
            onPacket(p, forward);
        }

        private static int service(int protocol, int port) {
            return protocol << 16 | port;
        }

        @Override
        public void onPacket(DecodedPacket p, boolean forward) {
            if (forward) {
                forwardBytes += p.wireLength;
            } else {
                backwardBytes += p.wireLength;
            }
            lastNanos = Math.max(lastNanos, p.timestampNanos);
            reset |= (p.tcpFlags & DecodedPacket.RST) != 0;
        }

        @Override
        public void onExpire(long endNanos) {
            ends.end(pair(), endNanos, forwardBytes, backwardBytes, reset, endCounts);
            sourceEnds.end(source(), endpoint(), endNanos, failed(), sourceEndCounts);
            ended = true;
        }

        private RecentFlowEnds.PairKey pair() {
            return new RecentFlowEnds.PairKey(version, srcHi, srcLo, dstHi, dstLo);
        }

        private RecentSourceEnds.SourceKey source() {
            return new RecentSourceEnds.SourceKey(version, srcHi, srcLo);
        }

        private RecentSourceEnds.Endpoint endpoint() {
            return new RecentSourceEnds.Endpoint(dstHi, dstLo, service);
        }

        /** No backward packet, or a reset: what a scan or a flood leaves behind. */
        private boolean failed() {
            return backwardBytes == 0 || reset;
        }

        private void currentEndCounts() {
            if (!ended && ends != null) {
                ends.count(pair(), lastNanos, forwardBytes, backwardBytes, reset, endCounts);
                sourceEnds.count(source(), endpoint(), lastNanos, failed(), sourceEndCounts);
            }
        }

        @Override
        public void write(RowWriter out) {
            currentEndCounts();
            COLUMNS.write(this, out);
        }

        @Override
        public void values(double[] out, int offset) {
            currentEndCounts();
            for (int c = 0; c < COLUMNS.size(); c++) {
                out[offset + c] = column(this, c);
            }
        }

        @Override
        public void values(double[] out, int offset, int[] columns) {
            currentEndCounts();
            for (int c : columns) {
                out[offset + c] = column(this, c);
            }
        }
    }
}
