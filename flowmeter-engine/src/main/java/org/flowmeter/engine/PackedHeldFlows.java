package org.flowmeter.engine;

import java.util.ArrayList;
import java.util.List;
import org.flowmeter.detect.PatternHold;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowRecords;

/**
 * The detectors' hold for a classifier whose ended flows dropped their feature state: each held
 * flow is written with its verdict into chunks of primitive arrays ({@link FlowRecords}) and read
 * back as an equal flow when it leaves. On a capture shorter than the detectors' window every
 * ended flow is held to the end; as objects (the flow, its slot holder and its verdict, 248 bytes)
 * they were the part of the live heap that grew all run, and every full collection visited each
 * of them. A flow that still has its feature state or detector counts (one cut by the active
 * timeout) is kept as it is, in its place in the order.
 */
final class PackedHeldFlows implements PatternHold.Store {
    /** Flows per chunk: a chunk is about 150 KB, so the last one's unused part stays small. */
    static final int CHUNK = 1024;
    /** The flow's record, then its verdict: the two scores' bits and the packet count it was made at. */
    private static final int LONGS = FlowRecords.LONGS + 3;
    /** The flow's record, then the verdict's flags and who made it. */
    private static final int INTS = FlowRecords.INTS + 1;
    /** What one held flow costs: its longs and ints and its slot for a flow kept as an object. */
    static final long BYTES_PER_FLOW = LONGS * Long.BYTES + INTS * Integer.BYTES + 4;

    private static final int HAS_VERDICT = 1;
    private static final int MALICIOUS = 1 << 1;
    private static final int AT_FLOW_END = 1 << 2;
    private static final int DECIDED_BY_SHIFT = 8;

    /** Chunks oldest first, linked: the first is read from, the last written to. */
    private Chunk first;
    private Chunk last;
    /** Who made the verdicts held ("model", a detector's name), by the number a record keeps. */
    private final List<String> deciders = new ArrayList<>(List.of(FlowVerdict.MODEL));
    /** An emptied chunk kept for the next one needed. */
    private Chunk spare;
    private int size;

    private static final class Chunk {
        final long[] longs = new long[CHUNK * LONGS];
        final int[] ints = new int[CHUNK * INTS];
        /** Flows kept as objects; null where a record holds the flow. */
        final Flow[] objects = new Flow[CHUNK];
        int head;
        int tail;
        Chunk next;
    }

    @Override
    public void add(Flow flow) {
        Chunk c = last;
        if (c == null || c.tail == CHUNK) {
            c = spare != null ? spare : new Chunk();
            spare = null;
            if (last == null) {
                first = c;
            } else {
                last.next = c;
            }
            last = c;
        }
        int k = c.tail++;
        FlowState s = FlowState.SLOT.get(flow);
        if (FlowRecords.fits(flow) && (s == null || s.facts == null)) {
            FlowRecords.write(flow, c.longs, k * LONGS, c.ints, k * INTS);
            writeVerdict(s == null ? null : s.verdict, c.longs, k * LONGS + FlowRecords.LONGS, c.ints, k * INTS + FlowRecords.INTS);
        } else {
            c.objects[k] = flow;
        }
        size++;
    }

    @Override
    public Flow remove() {
        Chunk c = first;
        if (c == null || c.head == c.tail) {
            throw new java.util.NoSuchElementException();
        }
        int k = c.head++;
        Flow flow = c.objects[k];
        if (flow != null) {
            c.objects[k] = null;
        } else {
            flow = FlowRecords.read(c.longs, k * LONGS, c.ints, k * INTS);
            readVerdict(flow, c.longs, k * LONGS + FlowRecords.LONGS, c.ints, k * INTS + FlowRecords.INTS);
        }
        size--;
        if (c.head == c.tail) {
            first = c.next;
            if (first == null) {
                last = null;
            }
            c.head = 0;
            c.tail = 0;
            c.next = null;
            spare = c;
        }
        return flow;
    }

    @Override
    public long oldestStart() {
        Chunk c = first;
        if (c == null || c.head == c.tail) {
            throw new java.util.NoSuchElementException();
        }
        Flow flow = c.objects[c.head];
        return flow != null ? flow.firstNanos() : FlowRecords.firstNanos(c.longs, c.head * LONGS);
    }

    @Override
    public int size() {
        return size;
    }

    private void writeVerdict(Verdict v, long[] longs, int l, int[] ints, int i) {
        if (v == null) {
            ints[i] = 0;
            return;
        }
        longs[l] = Double.doubleToRawLongBits(v.earlyScore);
        longs[l + 1] = Double.doubleToRawLongBits(v.score);
        longs[l + 2] = v.decidedAtPacket;
        ints[i] = HAS_VERDICT | (v.malicious ? MALICIOUS : 0) | (v.atFlowEnd ? AT_FLOW_END : 0)
                | decider(v.decidedBy) << DECIDED_BY_SHIFT;
    }

    private void readVerdict(Flow flow, long[] longs, int l, int[] ints, int i) {
        int flags = ints[i];
        if ((flags & HAS_VERDICT) == 0) {
            return;
        }
        Verdict v = new Verdict();
        v.earlyScore = Double.longBitsToDouble(longs[l]);
        v.score = Double.longBitsToDouble(longs[l + 1]);
        v.decidedAtPacket = longs[l + 2];
        v.malicious = (flags & MALICIOUS) != 0;
        v.atFlowEnd = (flags & AT_FLOW_END) != 0;
        v.decidedBy = deciders.get(flags >>> DECIDED_BY_SHIFT);
        FlowState.of(flow).verdict = v;
    }

    /** The number of a verdict's maker: a handful of names (the model, each detector). */
    private int decider(String name) {
        for (int n = 0; n < deciders.size(); n++) {
            if (java.util.Objects.equals(deciders.get(n), name)) {
                return n;
            }
        }
        deciders.add(name);
        return deciders.size() - 1;
    }
}
