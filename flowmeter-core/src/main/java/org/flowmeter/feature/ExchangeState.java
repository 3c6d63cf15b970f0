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

        /**
         * Writes count, mean, population std, largest size and repeat share (the share of messages
         * after the first that repeat the size of the one before; 0 for fewer than two) at
         * {@code out[count]} and {@code out[stats..stats+3]}, with {@code open} bytes counted as one
         * more message when positive: arithmetic on the finished messages, which stay as they are,
         * so that a flow scored early and again at its end is not altered by the first scoring.
         */
        void write(long open, double[] out, int count, int stats) {
            long n = sizes.count();
            if (open <= 0) {
                out[count] = n;
                out[stats] = sizes.mean();
                out[stats + 1] = sizes.populationStd();
                out[stats + 2] = sizes.max();
                out[stats + 3] = n < 2 ? 0 : (double) repeats / (n - 1);
                return;
            }
            long repeatsWith = repeats + (n > 0 && open == last ? 1 : 0);
            out[count] = n + 1;
            out[stats] = sizes.meanWith(open);
            out[stats + 1] = sizes.populationStdWith(open);
            out[stats + 2] = sizes.maxWith(open);
            out[stats + 3] = n == 0 ? 0 : (double) repeatsWith / n;
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
        fwd.write(openForward ? openBytes : 0, out, offset, offset + 2);
        bwd.write(openForward ? 0 : openBytes, out, offset + 1, offset + 6);
    }
}
