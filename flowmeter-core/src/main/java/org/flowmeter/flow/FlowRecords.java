package org.flowmeter.flow;

/**
 * An ended flow that dropped its feature state, written into primitive arrays and read back as an
 * equal flow: the detectors' hold keeps every ended flow of a long capture for minutes, and in
 * arrays they cost the collector nothing per flow, while as objects each was visited at every full
 * collection. Every field a row, the detectors or the start order read is kept; the consumer's
 * slot is not (its owner keeps its value beside the record).
 */
public final class FlowRecords {
    /** Longs a record takes. */
    public static final int LONGS = 12;
    /** Ints a record takes. */
    public static final int INTS = 6;

    private static final int FIN_BITS = 0x3;
    private static final int CLOSED = 1 << 2;
    private static final int OPENED_BY_SYN = 1 << 3;
    private static final int FIRST_PACKET_FORWARD = 1 << 4;
    private static final int CUT_BY_END_OF_INPUT = 1 << 5;
    private static final EndReason[] REASONS = EndReason.values();

    private FlowRecords() {
    }

    /**
     * Whether the flow can be written as a record: it dropped its feature state (its sets' slots
     * are the shared array of nulls), left the flow table, and its fields fit the record's widths.
     */
    public static boolean fits(Flow flow) {
        int sets = flow.features.length;
        return Flow.releasedStateShared(sets) && flow.features == Flow.released(sets) && flow.list == null
                && (flow.ipVersion & ~0xFF) == 0 && (flow.protocol & ~0xFF) == 0
                && (flow.srcPort & ~0xFFFF) == 0 && (flow.dstPort & ~0xFFFF) == 0;
    }

    /** Writes a flow that {@link #fits} at {@code longs[l..l+LONGS)} and {@code ints[i..i+INTS)}. */
    public static void write(Flow flow, long[] longs, int l, int[] ints, int i) {
        longs[l] = flow.id;
        longs[l + 1] = flow.srcHi;
        longs[l + 2] = flow.srcLo;
        longs[l + 3] = flow.dstHi;
        longs[l + 4] = flow.dstLo;
        longs[l + 5] = flow.firstNanos;
        longs[l + 6] = flow.lastNanos;
        longs[l + 7] = flow.packets;
        longs[l + 8] = flow.bytes;
        longs[l + 9] = flow.forwardPackets;
        longs[l + 10] = flow.forwardBytes;
        longs[l + 11] = flow.closedNanos;
        int bits = flow.finSeen & FIN_BITS
                | (flow.closed ? CLOSED : 0)
                | (flow.openedBySyn ? OPENED_BY_SYN : 0)
                | (flow.firstPacketForward ? FIRST_PACKET_FORWARD : 0)
                | (flow.cutByEndOfInput ? CUT_BY_END_OF_INPUT : 0);
        int reason = flow.endReason == null ? 0 : flow.endReason.ordinal() + 1;
        ints[i] = flow.hash;
        ints[i + 1] = flow.ipVersion | flow.protocol << 8 | bits << 16 | reason << 24;
        ints[i + 2] = flow.srcPort << 16 | flow.dstPort;
        ints[i + 3] = flow.inputIndex;
        ints[i + 4] = flow.vlan;
        ints[i + 5] = flow.features.length;
    }

    /** The start of the flow a record holds, without reading the rest. */
    public static long firstNanos(long[] longs, int l) {
        return longs[l + 5];
    }

    /** The flow a record holds: equal in every field to the one written, without a slot value. */
    public static Flow read(long[] longs, int l, int[] ints, int i) {
        int kind = ints[i + 1];
        int bits = kind >>> 16 & 0xFF;
        int reason = kind >>> 24;
        int ports = ints[i + 2];
        Flow flow = new Flow(longs[l], ints[i], kind & 0xFF, kind >>> 8 & 0xFF, longs[l + 1], longs[l + 2],
                longs[l + 3], longs[l + 4], ports >>> 16, ports & 0xFFFF, ints[i + 3], ints[i + 4],
                (bits & OPENED_BY_SYN) != 0, (bits & FIRST_PACKET_FORWARD) != 0, Flow.released(ints[i + 5]));
        flow.firstNanos = longs[l + 5];
        flow.lastNanos = longs[l + 6];
        flow.packets = longs[l + 7];
        flow.bytes = longs[l + 8];
        flow.forwardPackets = longs[l + 9];
        flow.forwardBytes = longs[l + 10];
        flow.closedNanos = longs[l + 11];
        flow.finSeen = bits & FIN_BITS;
        flow.closed = (bits & CLOSED) != 0;
        flow.cutByEndOfInput = (bits & CUT_BY_END_OF_INPUT) != 0;
        flow.endReason = reason == 0 ? null : REASONS[reason - 1];
        return flow;
    }
}
