package org.flowmeter.feature;

import java.util.List;
import org.flowmeter.decode.DecodedPacket;

/**
 * Deepfence FlowMeter's 39 model features, computed exactly (see docs/features.md for each
 * definition and where Deepfence's own code differs). Times in nanoseconds, rates per nanosecond,
 * sizes are wire lengths.
 */
public final class DeepfenceFeatures implements FeatureSet {
    public static final String NAME = "deepfence";

    private static final ColumnSet<State> COLUMNS = ColumnSet.<State>builder()
            .integer("flowDuration", State::duration)
            .integer("flowLength", s -> s.size.count())
            .integer("fwdFlowLength", s -> s.fwdSize.count())
            .integer("bwdFlowLength", s -> s.bwdSize.count())
            .integer("packetSizeTotal", s -> s.size.sum())
            .real("packetSizeMean", s -> s.size.mean())
            .real("packetSizeStd", s -> s.size.populationStd())
            .integer("packetSizeMin", s -> s.size.min())
            .integer("packetSizeMax", s -> s.size.max())
            .integer("fwdPacketSizeTotal", s -> s.fwdSize.sum())
            .integer("bwdPacketSizeTotal", s -> s.bwdSize.sum())
            .real("fwdPacketSizeMean", s -> s.fwdSize.mean())
            .real("bwdPacketSizeMean", s -> s.bwdSize.mean())
            .real("fwdPacketSizeStd", s -> s.fwdSize.populationStd())
            .real("bwdPacketSizeStd", s -> s.bwdSize.populationStd())
            .integer("fwdPacketSizeMin", s -> s.fwdSize.min())
            .integer("bwdPacketSizeMin", s -> s.bwdSize.min())
            .integer("fwdPacketSizeMax", s -> s.fwdSize.max())
            .integer("bwdPacketSizeMax", s -> s.bwdSize.max())
            .real("IATMean", s -> s.iat.mean())
            .real("IATStd", s -> s.iat.populationStd())
            .integer("IATMin", s -> s.iat.min())
            .integer("IATMax", s -> s.iat.max())
            .integer("fwdIATTotal", s -> s.fwdIat.sum())
            .integer("bwdIATTotal", s -> s.bwdIat.sum())
            .real("fwdIATMean", s -> s.fwdIat.mean())
            .real("bwdIATMean", s -> s.bwdIat.mean())
            .real("fwdIATStd", s -> s.fwdIat.populationStd())
            .real("bwdIATStd", s -> s.bwdIat.populationStd())
            .integer("fwdIATMin", s -> s.fwdIat.min())
            .integer("bwdIATMin", s -> s.bwdIat.min())
            .integer("fwdIATMax", s -> s.fwdIat.max())
            .integer("bwdIATMax", s -> s.bwdIat.max())
            .real("flowLengthPerTime", s -> s.perNanosecond(s.size.count()))
            .real("fwdFlowLengthPerTime", s -> s.perNanosecond(s.fwdSize.count()))
            .real("bwdFlowLengthPerTime", s -> s.perNanosecond(s.bwdSize.count()))
            .real("packetSizeTotalPerTime", s -> s.perNanosecond(s.size.sum()))
            .real("fwdPacketSizeTotalPerTime", s -> s.perNanosecond(s.fwdSize.sum()))
            .real("bwdPacketSizeTotalPerTime", s -> s.perNanosecond(s.bwdSize.sum()))
            .build();

    @Override
    public String name() {
        return NAME;
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
        return new State();
    }

    /** Per-flow state: six running statistics and the first and last packet times per direction. */
    static final class State implements FlowFeatures {
        private static final long serialVersionUID = 1L;
        private static final long NONE = Long.MIN_VALUE;

        final RunningStats size = new RunningStats();
        final RunningStats fwdSize = new RunningStats();
        final RunningStats bwdSize = new RunningStats();
        final RunningStats iat = new RunningStats();
        final RunningStats fwdIat = new RunningStats();
        final RunningStats bwdIat = new RunningStats();
        long first;
        long last;
        long firstFwd = NONE;
        long lastFwd = NONE;
        long firstBwd = NONE;
        long lastBwd = NONE;

        @Override
        public void onFirstPacket(DecodedPacket p, boolean forward) {
            first = p.timestampNanos;
            last = first;
            size.add(p.wireLength);
            if (forward) {
                firstFwd = first;
                lastFwd = first;
                fwdSize.add(p.wireLength);
            } else {
                firstBwd = first;
                lastBwd = first;
                bwdSize.add(p.wireLength);
            }
        }

        @Override
        public void onPacket(DecodedPacket p, boolean forward) {
            // A packet stamped earlier than its predecessor (merged or multi-interface
            // captures) counts as arriving at the same instant: time never runs backwards.
            long t = Math.max(p.timestampNanos, last);
            iat.add(t - last);
            last = t;
            size.add(p.wireLength);
            if (forward) {
                if (lastFwd != NONE) {
                    fwdIat.add(t - lastFwd);
                } else {
                    firstFwd = t;
                }
                lastFwd = t;
                fwdSize.add(p.wireLength);
            } else {
                if (lastBwd != NONE) {
                    bwdIat.add(t - lastBwd);
                } else {
                    firstBwd = t;
                }
                lastBwd = t;
                bwdSize.add(p.wireLength);
            }
        }

        @Override
        public void append(FlowFeatures other, boolean swapped) {
            State later = (State) other;
            long start = Math.max(later.first, last);
            iat.add(start - last);
            iat.merge(later.iat);
            size.merge(later.size);
            // The later segment's directions, seen from this segment.
            RunningStats laterFwdSize = swapped ? later.bwdSize : later.fwdSize;
            RunningStats laterBwdSize = swapped ? later.fwdSize : later.bwdSize;
            RunningStats laterFwdIat = swapped ? later.bwdIat : later.fwdIat;
            RunningStats laterBwdIat = swapped ? later.fwdIat : later.bwdIat;
            long laterFirstFwd = swapped ? later.firstBwd : later.firstFwd;
            long laterLastFwd = swapped ? later.lastBwd : later.lastFwd;
            long laterFirstBwd = swapped ? later.firstFwd : later.firstBwd;
            long laterLastBwd = swapped ? later.lastFwd : later.lastBwd;
            fwdSize.merge(laterFwdSize);
            bwdSize.merge(laterBwdSize);
            if (laterFirstFwd != NONE) {
                if (lastFwd != NONE) {
                    fwdIat.add(Math.max(laterFirstFwd, lastFwd) - lastFwd);
                } else {
                    firstFwd = laterFirstFwd;
                }
                fwdIat.merge(laterFwdIat);
                lastFwd = Math.max(laterLastFwd, lastFwd);
            }
            if (laterFirstBwd != NONE) {
                if (lastBwd != NONE) {
                    bwdIat.add(Math.max(laterFirstBwd, lastBwd) - lastBwd);
                } else {
                    firstBwd = laterFirstBwd;
                }
                bwdIat.merge(laterBwdIat);
                lastBwd = Math.max(laterLastBwd, lastBwd);
            }
            last = Math.max(later.last, last);
        }

        long duration() {
            return last - first;
        }

        @Override
        public void write(RowWriter out) {
            COLUMNS.write(this, out);
        }

        @Override
        public void values(double[] out, int offset) {
            COLUMNS.values(this, out, offset);
        }

        /** A rate over a zero-length flow is defined as 0 (not infinity): a single instant has no rate. */
        private double perNanosecond(double amount) {
            double durationNanos = duration();
            return durationNanos > 0 ? amount / durationNanos : 0.0;
        }
    }
}
