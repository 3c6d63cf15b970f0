package org.flowmeter.feature;

import org.flowmeter.decode.DecodedPacket;

/** One flow's messages (see {@link ExchangeFeatures}): the open run apart, finished ones per direction. */
final class ExchangeState implements FlowFeatures {
    private static final long serialVersionUID = 1L;

    /** The finished messages of one direction. */
    private static final class Messages implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final RunningStats sizes = new RunningStats();
        /** Size of the latest finished message, 0 before the first. */
        long last;
        /** Messages of the same size as the message before them in this direction. */
        long repeats;

        void add(long size) {
            if (sizes.count() > 0 && size == last) {
                repeats++;
            }
            sizes.add(size);
            last = size;
        }

        Messages copy() {
            Messages c = new Messages();
            c.sizes.merge(sizes);
            c.last = last;
            c.repeats = repeats;
            return c;
        }

        /** Share of messages after the first that repeat the size of the one before; 0 for fewer than two. */
        double repeatShare() {
            return sizes.count() < 2 ? 0 : (double) repeats / (sizes.count() - 1);
        }
    }

    private final Messages fwd = new Messages();
    private final Messages bwd = new Messages();
    /** Payload bytes of the run not yet ended by a payload in the other direction; 0 before any payload. */
    private long openBytes;
    private boolean openForward;

    @Override
    public void onFirstPacket(DecodedPacket packet, boolean forward) {
        onPacket(packet, forward);
    }

    @Override
    public void onPacket(DecodedPacket packet, boolean forward) {
        int payload = packet.payloadLength;
        if (payload <= 0) {
            return;
        }
        if (openBytes > 0 && forward != openForward) {
            (openForward ? fwd : bwd).add(openBytes);
            openBytes = 0;
        }
        openForward = forward;
        openBytes += payload;
    }

    @Override
    public void write(RowWriter out) {
        double[] v = new double[ExchangeFeatures.COLUMNS.size()];
        values(v, 0);
        NumericColumns.write(ExchangeFeatures.COLUMNS, v, out);
    }

    @Override
    public void values(double[] out, int offset) {
        Messages f = withOpen(fwd, true);
        Messages b = withOpen(bwd, false);
        out[offset] = f.sizes.count();
        out[offset + 1] = b.sizes.count();
        out[offset + 2] = f.sizes.mean();
        out[offset + 3] = f.sizes.populationStd();
        out[offset + 4] = f.sizes.max();
        out[offset + 5] = f.repeatShare();
        out[offset + 6] = b.sizes.mean();
        out[offset + 7] = b.sizes.populationStd();
        out[offset + 8] = b.sizes.max();
        out[offset + 9] = b.repeatShare();
    }

    /** The finished messages of one direction plus the open run when it is of that direction. */
    private Messages withOpen(Messages finished, boolean forward) {
        if (openBytes == 0 || openForward != forward) {
            return finished;
        }
        Messages all = finished.copy();
        all.add(openBytes);
        return all;
    }
}
