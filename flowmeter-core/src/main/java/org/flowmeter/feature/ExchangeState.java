package org.flowmeter.feature;

import org.flowmeter.decode.DecodedPacket;

/** One flow's messages (see {@link ExchangeFeatures}): the open run apart, finished ones per direction. */
final class ExchangeState implements FlowFeatures {
    private static final long serialVersionUID = 1L;

    /** Where each direction's finished message sizes are in {@link #sizes}. */
    private static final int FWD = 0;
    private static final int BWD = PackedStats.WIDTH;

    /** Sizes of the finished messages of each direction. */
    private final double[] sizes = PackedStats.of(2);
    /** Size of the latest finished message of each direction, 0 before the first. */
    private long fwdLast;
    private long bwdLast;
    /** Messages of the same size as the message before them in their direction. */
    private long fwdRepeats;
    private long bwdRepeats;
    /** Payload bytes of the run not yet ended by a payload in the other direction; 0 before any payload. */
    private long openBytes;
    private boolean openForward;

    private void finish(boolean forward, long size) {
        int at = forward ? FWD : BWD;
        if (PackedStats.count(sizes, at) > 0 && size == (forward ? fwdLast : bwdLast)) {
            if (forward) {
                fwdRepeats++;
            } else {
                bwdRepeats++;
            }
        }
        PackedStats.add(sizes, at, size);
        if (forward) {
            fwdLast = size;
        } else {
            bwdLast = size;
        }
    }

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
            finish(openForward, openBytes);
            openBytes = 0;
        }
        openForward = forward;
        openBytes += payload;
    }

    /*
     * Count, mean, population std, largest size and repeat share (the share of messages after
     * the first that repeat the size of the one before; 0 for fewer than two) of a direction,
     * with {@code open} bytes counted as one more message when positive: arithmetic on the
     * finished messages, which stay as they are, so that a flow scored early and again at its
     * end is not altered by the first scoring.
     */
    static final ColumnSet<ExchangeState> COLUMNS = ColumnSet.<ExchangeState>builder()
            .integer("xchFwdMessages")
            .integer("xchBwdMessages")
            .real("xchFwdMessageBytesMean")
            .real("xchFwdMessageBytesStd")
            .integer("xchFwdMessageBytesMax")
            .real("xchFwdRepeatShare")
            .real("xchBwdMessageBytesMean")
            .real("xchBwdMessageBytesStd")
            .integer("xchBwdMessageBytesMax")
            .real("xchBwdRepeatShare")
            .build(ExchangeState::column);

    /**
     * Column {@code column}'s value: case {@code i} is the expression of the {@code i}-th column
     * declared in {@link #COLUMNS}, written only here. Rows read it through {@code COLUMNS},
     * scores call it directly: one direct call per column, not a megamorphic one.
     */
    static double column(ExchangeState s, int column) {
        return switch (column) {
            case 0 -> s.count(FWD, s.openFwd());
            case 1 -> s.count(BWD, s.openBwd());
            case 2 -> s.mean(FWD, s.openFwd());
            case 3 -> s.std(FWD, s.openFwd());
            case 4 -> s.max(FWD, s.openFwd());
            case 5 -> s.repeatShare(FWD, s.fwdLast, s.fwdRepeats, s.openFwd());
            case 6 -> s.mean(BWD, s.openBwd());
            case 7 -> s.std(BWD, s.openBwd());
            case 8 -> s.max(BWD, s.openBwd());
            case 9 -> s.repeatShare(BWD, s.bwdLast, s.bwdRepeats, s.openBwd());
            default -> throw new IndexOutOfBoundsException(column);
        };
    }

    private long count(int at, long open) {
        return PackedStats.count(sizes, at) + (open > 0 ? 1 : 0);
    }

    private double mean(int at, long open) {
        return open > 0 ? PackedStats.meanWith(sizes, at, open) : PackedStats.mean(sizes, at);
    }

    private double std(int at, long open) {
        return open > 0 ? PackedStats.populationStdWith(sizes, at, open) : PackedStats.populationStd(sizes, at);
    }

    private double max(int at, long open) {
        return open > 0 ? PackedStats.maxWith(sizes, at, open) : PackedStats.max(sizes, at);
    }

    private double repeatShare(int at, long last, long repeats, long open) {
        long n = PackedStats.count(sizes, at);
        if (open <= 0) {
            return n < 2 ? 0 : (double) repeats / (n - 1);
        }
        long repeatsWith = repeats + (n > 0 && open == last ? 1 : 0);
        return n == 0 ? 0 : (double) repeatsWith / n;
    }

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
        for (int c = 0; c < COLUMNS.size(); c++) {
            out[offset + c] = column(this, c);
        }
    }

    @Override
    public void values(double[] out, int offset, int[] columns) {
        for (int c : columns) {
            out[offset + c] = column(this, c);
        }
    }
}
