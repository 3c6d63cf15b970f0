package org.flowmeter.feature;

import java.util.Collection;
import java.util.List;
import org.flowmeter.decode.DecodedPacket;

/**
 * Deepfence FlowMeter's 39 model features, computed exactly (see docs/features.md for each
 * definition and where Deepfence's own code differs). Times in nanoseconds, rates per nanosecond,
 * sizes are wire lengths.
 */
public final class DeepfenceFeatures implements FeatureSet {
    public static final String NAME = "deepfence";

    static final ColumnSet<State> COLUMNS = ColumnSet.<State>builder()
            .integer("flowDuration")
            .integer("flowLength").needs(State.SIZES)
            .integer("fwdFlowLength").needs(State.FWD_SIZES)
            .integer("bwdFlowLength").needs(State.BWD_SIZES)
            .integer("packetSizeTotal").needs(State.SIZES)
            .real("packetSizeMean").needs(State.SIZES)
            .real("packetSizeStd").needs(State.SIZES)
            .integer("packetSizeMin").needs(State.SIZES)
            .integer("packetSizeMax").needs(State.SIZES)
            .integer("fwdPacketSizeTotal").needs(State.FWD_SIZES)
            .integer("bwdPacketSizeTotal").needs(State.BWD_SIZES)
            .real("fwdPacketSizeMean").needs(State.FWD_SIZES)
            .real("bwdPacketSizeMean").needs(State.BWD_SIZES)
            .real("fwdPacketSizeStd").needs(State.FWD_SIZES)
            .real("bwdPacketSizeStd").needs(State.BWD_SIZES)
            .integer("fwdPacketSizeMin").needs(State.FWD_SIZES)
            .integer("bwdPacketSizeMin").needs(State.BWD_SIZES)
            .integer("fwdPacketSizeMax").needs(State.FWD_SIZES)
            .integer("bwdPacketSizeMax").needs(State.BWD_SIZES)
            .real("IATMean").needs(State.GAPS)
            .real("IATStd").needs(State.GAPS)
            .integer("IATMin").needs(State.GAPS)
            .integer("IATMax").needs(State.GAPS)
            .integer("fwdIATTotal").needs(State.FWD_GAPS)
            .integer("bwdIATTotal").needs(State.BWD_GAPS)
            .real("fwdIATMean").needs(State.FWD_GAPS)
            .real("bwdIATMean").needs(State.BWD_GAPS)
            .real("fwdIATStd").needs(State.FWD_GAPS)
            .real("bwdIATStd").needs(State.BWD_GAPS)
            .integer("fwdIATMin").needs(State.FWD_GAPS)
            .integer("bwdIATMin").needs(State.BWD_GAPS)
            .integer("fwdIATMax").needs(State.FWD_GAPS)
            .integer("bwdIATMax").needs(State.BWD_GAPS)
            .real("flowLengthPerTime").needs(State.SIZES)
            .real("fwdFlowLengthPerTime").needs(State.FWD_SIZES)
            .real("bwdFlowLengthPerTime").needs(State.BWD_SIZES)
            .real("packetSizeTotalPerTime").needs(State.SIZES)
            .real("fwdPacketSizeTotalPerTime").needs(State.FWD_SIZES)
            .real("bwdPacketSizeTotalPerTime").needs(State.BWD_SIZES)
            .build(DeepfenceFeatures::column);

    /**
     * Column {@code column}'s value: case {@code i} is the expression of the {@code i}-th column
     * declared in {@link #COLUMNS}, written only here. Rows read it through {@code COLUMNS},
     * scores call it directly: one direct call per column, not a megamorphic one.
     */
    static double column(State s, int column) {
        return switch (column) {
            case 0 -> s.duration();
            case 1 -> s.count(State.SIZE);
            case 2 -> s.count(State.FWD_SIZE);
            case 3 -> s.count(State.BWD_SIZE);
            case 4 -> s.sum(State.SIZE);
            case 5 -> s.mean(State.SIZE);
            case 6 -> s.populationStd(State.SIZE);
            case 7 -> s.min(State.SIZE);
            case 8 -> s.max(State.SIZE);
            case 9 -> s.sum(State.FWD_SIZE);
            case 10 -> s.sum(State.BWD_SIZE);
            case 11 -> s.mean(State.FWD_SIZE);
            case 12 -> s.mean(State.BWD_SIZE);
            case 13 -> s.populationStd(State.FWD_SIZE);
            case 14 -> s.populationStd(State.BWD_SIZE);
            case 15 -> s.min(State.FWD_SIZE);
            case 16 -> s.min(State.BWD_SIZE);
            case 17 -> s.max(State.FWD_SIZE);
            case 18 -> s.max(State.BWD_SIZE);
            case 19 -> s.mean(State.IAT);
            case 20 -> s.populationStd(State.IAT);
            case 21 -> s.min(State.IAT);
            case 22 -> s.max(State.IAT);
            case 23 -> s.sum(State.FWD_IAT);
            case 24 -> s.sum(State.BWD_IAT);
            case 25 -> s.mean(State.FWD_IAT);
            case 26 -> s.mean(State.BWD_IAT);
            case 27 -> s.populationStd(State.FWD_IAT);
            case 28 -> s.populationStd(State.BWD_IAT);
            case 29 -> s.min(State.FWD_IAT);
            case 30 -> s.min(State.BWD_IAT);
            case 31 -> s.max(State.FWD_IAT);
            case 32 -> s.max(State.BWD_IAT);
            case 33 -> s.perNanosecond(s.count(State.SIZE));
            case 34 -> s.perNanosecond(s.count(State.FWD_SIZE));
            case 35 -> s.perNanosecond(s.count(State.BWD_SIZE));
            case 36 -> s.perNanosecond(s.sum(State.SIZE));
            case 37 -> s.perNanosecond(s.sum(State.FWD_SIZE));
            case 38 -> s.perNanosecond(s.sum(State.BWD_SIZE));
            default -> throw new IndexOutOfBoundsException(column);
        };
    }

    /** The statistics its flows keep (bits of {@link State#SIZES} and after). */
    private final int parts;

    public DeepfenceFeatures() {
        this(COLUMNS.allParts());
    }

    private DeepfenceFeatures(int parts) {
        this.parts = parts;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Flows keep only the running statistics the columns named are read from. */
    @Override
    public FeatureSet computing(Collection<String> columns) {
        int needed = COLUMNS.partsFor(columns);
        // A flow joined across files may be the later segment's reverse (State.append): its
        // forward statistic is merged with the other's backward one, so both are kept or neither.
        needed |= both(needed, State.FWD_SIZES | State.BWD_SIZES) | both(needed, State.FWD_GAPS | State.BWD_GAPS);
        return needed == parts ? this : new DeepfenceFeatures(needed);
    }

    /** {@code pair} when {@code parts} has either of its bits, else 0. */
    private static int both(int parts, int pair) {
        return (parts & pair) != 0 ? pair : 0;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS.columns();
    }

    @Override
    public boolean joinsAcrossFiles() {
        return true;
    }

    @Override
    public FlowFeatures newFlow() {
        return new State(parts);
    }

    /** Per-flow state: six running statistics, packed in one array, and the first and last packet times per direction. */
    static final class State implements FlowFeatures {
        private static final long serialVersionUID = 1L;
        private static final long NONE = Long.MIN_VALUE;
        /** Where each statistic starts in {@link #stats}. */
        static final int SIZE = 0;
        static final int FWD_SIZE = PackedStats.WIDTH;
        static final int BWD_SIZE = 2 * PackedStats.WIDTH;
        static final int IAT = 3 * PackedStats.WIDTH;
        static final int FWD_IAT = 4 * PackedStats.WIDTH;
        static final int BWD_IAT = 5 * PackedStats.WIDTH;
        /*
         * Each statistic is a part of the state ({@link ColumnSet.Builder#needs}) that a flow
         * whose meter was told the columns read skips when none of them is read from it.
         */
        static final int SIZES = 1;
        static final int FWD_SIZES = 1 << 1;
        static final int BWD_SIZES = 1 << 2;
        static final int GAPS = 1 << 3;
        static final int FWD_GAPS = 1 << 4;
        static final int BWD_GAPS = 1 << 5;

        /** Wire sizes (all, forward, backward) and gaps (all, forward, backward). */
        final double[] stats = PackedStats.of(6);
        long first;
        long last;
        long firstFwd = NONE;
        long lastFwd = NONE;
        long firstBwd = NONE;
        long lastBwd = NONE;
        /** The statistics kept (bits of {@link #SIZES} and after); times are kept always. */
        private final int parts;

        State(int parts) {
            this.parts = parts;
        }

        @Override
        public void onFirstPacket(DecodedPacket p, boolean forward) {
            first = p.timestampNanos;
            last = first;
            int kept = parts;
            if ((kept & SIZES) != 0) {
                PackedStats.add(stats, SIZE, p.wireLength);
            }
            if (forward) {
                firstFwd = first;
                lastFwd = first;
                if ((kept & FWD_SIZES) != 0) {
                    PackedStats.add(stats, FWD_SIZE, p.wireLength);
                }
            } else {
                firstBwd = first;
                lastBwd = first;
                if ((kept & BWD_SIZES) != 0) {
                    PackedStats.add(stats, BWD_SIZE, p.wireLength);
                }
            }
        }

        @Override
        public void onPacket(DecodedPacket p, boolean forward) {
            // A packet stamped earlier than its predecessor (merged or multi-interface
            // captures) counts as arriving at the same instant: time never runs backwards.
            long t = Math.max(p.timestampNanos, last);
            double[] s = stats;
            int kept = parts;
            if ((kept & GAPS) != 0) {
                PackedStats.add(s, IAT, t - last);
            }
            last = t;
            if ((kept & SIZES) != 0) {
                PackedStats.add(s, SIZE, p.wireLength);
            }
            if (forward) {
                if (lastFwd != NONE) {
                    if ((kept & FWD_GAPS) != 0) {
                        PackedStats.add(s, FWD_IAT, t - lastFwd);
                    }
                } else {
                    firstFwd = t;
                }
                lastFwd = t;
                if ((kept & FWD_SIZES) != 0) {
                    PackedStats.add(s, FWD_SIZE, p.wireLength);
                }
            } else {
                if (lastBwd != NONE) {
                    if ((kept & BWD_GAPS) != 0) {
                        PackedStats.add(s, BWD_IAT, t - lastBwd);
                    }
                } else {
                    firstBwd = t;
                }
                lastBwd = t;
                if ((kept & BWD_SIZES) != 0) {
                    PackedStats.add(s, BWD_SIZE, p.wireLength);
                }
            }
        }

        @Override
        public void append(FlowFeatures other, boolean swapped) {
            State later = (State) other;
            long start = Math.max(later.first, last);
            PackedStats.add(stats, IAT, start - last);
            PackedStats.merge(stats, IAT, later.stats, IAT);
            PackedStats.merge(stats, SIZE, later.stats, SIZE);
            // The later segment's directions, seen from this segment.
            int laterFwdSize = swapped ? BWD_SIZE : FWD_SIZE;
            int laterBwdSize = swapped ? FWD_SIZE : BWD_SIZE;
            int laterFwdIat = swapped ? BWD_IAT : FWD_IAT;
            int laterBwdIat = swapped ? FWD_IAT : BWD_IAT;
            long laterFirstFwd = swapped ? later.firstBwd : later.firstFwd;
            long laterLastFwd = swapped ? later.lastBwd : later.lastFwd;
            long laterFirstBwd = swapped ? later.firstFwd : later.firstBwd;
            long laterLastBwd = swapped ? later.lastFwd : later.lastBwd;
            PackedStats.merge(stats, FWD_SIZE, later.stats, laterFwdSize);
            PackedStats.merge(stats, BWD_SIZE, later.stats, laterBwdSize);
            if (laterFirstFwd != NONE) {
                if (lastFwd != NONE) {
                    PackedStats.add(stats, FWD_IAT, Math.max(laterFirstFwd, lastFwd) - lastFwd);
                } else {
                    firstFwd = laterFirstFwd;
                }
                PackedStats.merge(stats, FWD_IAT, later.stats, laterFwdIat);
                lastFwd = Math.max(laterLastFwd, lastFwd);
            }
            if (laterFirstBwd != NONE) {
                if (lastBwd != NONE) {
                    PackedStats.add(stats, BWD_IAT, Math.max(laterFirstBwd, lastBwd) - lastBwd);
                } else {
                    firstBwd = laterFirstBwd;
                }
                PackedStats.merge(stats, BWD_IAT, later.stats, laterBwdIat);
                lastBwd = Math.max(laterLastBwd, lastBwd);
            }
            last = Math.max(later.last, last);
        }

        long duration() {
            return last - first;
        }

        long count(int stream) {
            return PackedStats.count(stats, stream);
        }

        double sum(int stream) {
            return PackedStats.sum(stats, stream);
        }

        double mean(int stream) {
            return PackedStats.mean(stats, stream);
        }

        double populationStd(int stream) {
            return PackedStats.populationStd(stats, stream);
        }

        double min(int stream) {
            return PackedStats.min(stats, stream);
        }

        double max(int stream) {
            return PackedStats.max(stats, stream);
        }

        @Override
        public void write(RowWriter out) {
            COLUMNS.write(this, parts, out);
        }

        @Override
        public void values(double[] out, int offset) {
            COLUMNS.requireAll(parts);
            for (int c = 0; c < COLUMNS.size(); c++) {
                out[offset + c] = column(this, c);
            }
        }

        @Override
        public void values(double[] out, int offset, int[] columns) {
            COLUMNS.requireComputed(parts, columns);
            for (int c : columns) {
                out[offset + c] = column(this, c);
            }
        }

        /** A rate over a zero-length flow is defined as 0 (not infinity): a single instant has no rate. */
        private double perNanosecond(double amount) {
            double durationNanos = duration();
            return durationNanos > 0 ? amount / durationNanos : 0.0;
        }
    }
}
