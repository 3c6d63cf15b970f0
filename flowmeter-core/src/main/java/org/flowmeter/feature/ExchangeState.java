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

        /*
         * Count, mean, population std, largest size and repeat share (the share of messages after
         * the first that repeat the size of the one before; 0 for fewer than two), with
         * {@code open} bytes counted as one more message when positive: arithmetic on the finished
         * messages, which stay as they are, so that a flow scored early and again at its end is
         * not altered by the first scoring.
         */
        long count(long open) {
            return sizes.count() + (open > 0 ? 1 : 0);
        }

        double mean(long open) {
            return open > 0 ? sizes.meanWith(open) : sizes.mean();
        }

        double std(long open) {
            return open > 0 ? sizes.populationStdWith(open) : sizes.populationStd();
        }

        double max(long open) {
            return open > 0 ? sizes.maxWith(open) : sizes.max();
        }

        double repeatShare(long open) {
            long n = sizes.count();
            if (open <= 0) {
                return n < 2 ? 0 : (double) repeats / (n - 1);
            }
            long repeatsWith = repeats + (n > 0 && open == last ? 1 : 0);
            return n == 0 ? 0 : (double) repeatsWith / n;
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

    static final ColumnSet<ExchangeState> COLUMNS = ColumnSet.<ExchangeState>builder()
            .integer("xchFwdMessages", s -> s.fwd.count(s.openFwd()))
            .integer("xchBwdMessages", s -> s.bwd.count(s.openBwd()))
            .real("xchFwdMessageBytesMean", s -> s.fwd.mean(s.openFwd()))
            .real("xchFwdMessageBytesStd", s -> s.fwd.std(s.openFwd()))
            .integer("xchFwdMessageBytesMax", s -> s.fwd.max(s.openFwd()))
            .real("xchFwdRepeatShare", s -> s.fwd.repeatShare(s.openFwd()))
            .real("xchBwdMessageBytesMean", s -> s.bwd.mean(s.openBwd()))
            .real("xchBwdMessageBytesStd", s -> s.bwd.std(s.openBwd()))
            .integer("xchBwdMessageBytesMax", s -> s.bwd.max(s.openBwd()))
            .real("xchBwdRepeatShare", s -> s.bwd.repeatShare(s.openBwd()))
            .build();

    /** Bytes of the open run when it is forward, else 0. */
    private long openFwd() {
        return openForward ? openBytes : 0;
    }

    private long openBwd() {
        return openForward ? 0 : openBytes;
    }

    @Override
    public void write(RowWriter out) {
        COLUMNS.write(this, out);
    }

    @Override
    public void values(double[] out, int offset) {
        COLUMNS.values(this, out, offset);
    }
}
