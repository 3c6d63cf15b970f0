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

    private static final List<Column> COLUMNS = List.of(
            Column.integer("flowDuration"),
            Column.integer("flowLength"),
            Column.integer("fwdFlowLength"),
            Column.integer("bwdFlowLength"),
            Column.integer("packetSizeTotal"),
            Column.real("packetSizeMean"),
            Column.real("packetSizeStd"),
            Column.integer("packetSizeMin"),
            Column.integer("packetSizeMax"),
            Column.integer("fwdPacketSizeTotal"),
            Column.integer("bwdPacketSizeTotal"),
            Column.real("fwdPacketSizeMean"),
            Column.real("bwdPacketSizeMean"),
            Column.real("fwdPacketSizeStd"),
            Column.real("bwdPacketSizeStd"),
            Column.integer("fwdPacketSizeMin"),
            Column.integer("bwdPacketSizeMin"),
            Column.integer("fwdPacketSizeMax"),
            Column.integer("bwdPacketSizeMax"),
            Column.real("IATMean"),
            Column.real("IATStd"),
            Column.integer("IATMin"),
            Column.integer("IATMax"),
            Column.integer("fwdIATTotal"),
            Column.integer("bwdIATTotal"),
            Column.real("fwdIATMean"),
            Column.real("bwdIATMean"),
            Column.real("fwdIATStd"),
            Column.real("bwdIATStd"),
            Column.integer("fwdIATMin"),
            Column.integer("bwdIATMin"),
            Column.integer("fwdIATMax"),
            Column.integer("bwdIATMax"),
            Column.real("flowLengthPerTime"),
            Column.real("fwdFlowLengthPerTime"),
            Column.real("bwdFlowLengthPerTime"),
            Column.real("packetSizeTotalPerTime"),
            Column.real("fwdPacketSizeTotalPerTime"),
            Column.real("bwdPacketSizeTotalPerTime"));

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
            double[] v = new double[COLUMNS.size()];
            values(v, 0);
            NumericColumns.write(COLUMNS, v, out);
        }

        @Override
        public void values(double[] v, int o) {
            double duration = duration();
            v[o] = duration;
            v[o + 1] = size.count();
            v[o + 2] = fwdSize.count();
            v[o + 3] = bwdSize.count();
            v[o + 4] = size.sum();
            v[o + 5] = size.mean();
            v[o + 6] = size.populationStd();
            v[o + 7] = size.min();
            v[o + 8] = size.max();
            v[o + 9] = fwdSize.sum();
            v[o + 10] = bwdSize.sum();
            v[o + 11] = fwdSize.mean();
            v[o + 12] = bwdSize.mean();
            v[o + 13] = fwdSize.populationStd();
            v[o + 14] = bwdSize.populationStd();
            v[o + 15] = fwdSize.min();
            v[o + 16] = bwdSize.min();
            v[o + 17] = fwdSize.max();
            v[o + 18] = bwdSize.max();
            v[o + 19] = iat.mean();
            v[o + 20] = iat.populationStd();
            v[o + 21] = iat.min();
            v[o + 22] = iat.max();
            v[o + 23] = fwdIat.sum();
            v[o + 24] = bwdIat.sum();
            v[o + 25] = fwdIat.mean();
            v[o + 26] = bwdIat.mean();
            v[o + 27] = fwdIat.populationStd();
            v[o + 28] = bwdIat.populationStd();
            v[o + 29] = fwdIat.min();
            v[o + 30] = bwdIat.min();
            v[o + 31] = fwdIat.max();
            v[o + 32] = bwdIat.max();
            v[o + 33] = perNanosecond(size.count(), duration);
            v[o + 34] = perNanosecond(fwdSize.count(), duration);
            v[o + 35] = perNanosecond(bwdSize.count(), duration);
            v[o + 36] = perNanosecond(size.sum(), duration);
            v[o + 37] = perNanosecond(fwdSize.sum(), duration);
            v[o + 38] = perNanosecond(bwdSize.sum(), duration);
        }

        /** A rate over a zero-length flow is defined as 0 (not infinity): a single instant has no rate. */
        private static double perNanosecond(double amount, double durationNanos) {
            return durationNanos > 0 ? amount / durationNanos : 0.0;
        }
    }
}
