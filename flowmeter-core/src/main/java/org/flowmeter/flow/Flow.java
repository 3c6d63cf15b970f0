package org.flowmeter.flow;

import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.feature.FlowFeatures;

/**
 * One bidirectional flow: its key in forward orientation (src is the side that sent first, or
 * the local side), its clocks and counters, and the state of every feature set.
 */
public final class Flow implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final int FIN_FORWARD = 1;
    private static final int FIN_BACKWARD = 2;

    final int hash;
    public final long id;
    public final int ipVersion;
    public final int protocol;
    public final long srcHi;
    public final long srcLo;
    public final long dstHi;
    public final long dstLo;
    public final int srcPort;
    public final int dstPort;
    /** The input (of a sequence of files) the flow's first packet came from. */
    public final int inputIndex;
    /** VLAN ids the packets carried (see {@link DecodedPacket#vlan}); 0 untagged or when VLANs are ignored. */
    public final int vlan;

    long firstNanos;
    long lastNanos;
    long packets;
    long bytes;
    /** Packets and wire bytes from src to dst (the rest went dst to src). */
    long forwardPackets;
    long forwardBytes;
    int finSeen;
    boolean closed;
    EndReason endReason;
    /** The first packet was a TCP SYN without ACK: the flow cannot continue an older one. */
    final boolean openedBySyn;
    /** The first packet went in the flow's forward direction (src to dst). */
    final boolean firstPacketForward;
    /** Still in the table when the input ended: its next file may continue it. */
    boolean cutByEndOfInput;
    /** Not final: a flow that dropped its feature state points to a shared array of nulls instead. */
    FlowFeatures[] features;

    /** Links in the table's recency list (open or closing flows), and that list. */
    transient Flow older;
    transient Flow newer;
    transient RecencyList list;
    /** When the TCP teardown closed the flow: its linger counts from here. */
    long closedNanos;

    /** The state its consumer keeps on the flow, typed by the slot that owns it (see {@link FlowSlot}). */
    transient FlowSlot<?> slot;
    transient Object slotValue;

    Flow(long id, int hash, DecodedPacket p, boolean packetIsForward, FlowFeatures[] features) {
        this.id = id;
        this.hash = hash;
        this.ipVersion = p.ipVersion;
        this.protocol = p.protocol;
        this.vlan = p.vlan;
        if (packetIsForward) {
            srcHi = p.srcHi;
            srcLo = p.srcLo;
            dstHi = p.dstHi;
            dstLo = p.dstLo;
            srcPort = p.srcPort;
            dstPort = p.dstPort;
        } else {
            srcHi = p.dstHi;
            srcLo = p.dstLo;
            dstHi = p.srcHi;
            dstLo = p.srcLo;
            srcPort = p.dstPort;
            dstPort = p.srcPort;
        }
        this.inputIndex = p.inputIndex;
        this.features = features;
        this.firstPacketForward = packetIsForward;
        this.openedBySyn = p.protocol == DecodedPacket.TCP
                && (p.tcpFlags & (DecodedPacket.SYN | DecodedPacket.ACK)) == DecodedPacket.SYN;
        this.firstNanos = p.timestampNanos;
        this.lastNanos = p.timestampNanos;
    }

    /** An ended flow rebuilt from its fields ({@link FlowRecords}): its counters are set by the caller. */
    Flow(long id, int hash, int ipVersion, int protocol, long srcHi, long srcLo, long dstHi, long dstLo, int srcPort,
         int dstPort, int inputIndex, int vlan, boolean openedBySyn, boolean firstPacketForward, FlowFeatures[] features) {
        this.id = id;
        this.hash = hash;
        this.ipVersion = ipVersion;
        this.protocol = protocol;
        this.srcHi = srcHi;
        this.srcLo = srcLo;
        this.dstHi = dstHi;
        this.dstLo = dstLo;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.inputIndex = inputIndex;
        this.vlan = vlan;
        this.openedBySyn = openedBySyn;
        this.firstPacketForward = firstPacketForward;
        this.features = features;
    }

    /** +1 when the packet goes src to dst, -1 when dst to src, 0 when it is not of this flow. */
    int directionOf(DecodedPacket p) {
        if (p.protocol != protocol || p.ipVersion != ipVersion || p.vlan != vlan) {
            return 0;
        }
        if (p.srcLo == srcLo && p.dstLo == dstLo && p.srcPort == srcPort && p.dstPort == dstPort
                && p.srcHi == srcHi && p.dstHi == dstHi) {
            return 1;
        }
        if (p.srcLo == dstLo && p.dstLo == srcLo && p.srcPort == dstPort && p.dstPort == srcPort
                && p.srcHi == dstHi && p.dstHi == srcHi) {
            return -1;
        }
        return 0;
    }

    /**
     * Records TCP teardown flags; returns true when this packet closes the flow: a RST, the FIN
     * that completes FINs both ways, or any FIN when {@code firstFinEnds}.
     */
    boolean noteTcpFlags(int flags, boolean forward, boolean firstFinEnds) {
        if ((flags & DecodedPacket.RST) != 0) {
            endReason = EndReason.RST;
            return true;
        }
        if ((flags & DecodedPacket.FIN) != 0) {
            finSeen |= forward ? FIN_FORWARD : FIN_BACKWARD;
            if (firstFinEnds || finSeen == (FIN_FORWARD | FIN_BACKWARD)) {
                endReason = EndReason.FIN;
                return true;
            }
        }
        return false;
    }

    /** Whether the other flow's forward direction is this one's (same source address and port). */
    public boolean sameOrientation(Flow other) {
        return other.srcLo == srcLo && other.srcHi == srcHi && other.srcPort == srcPort;
    }

    /**
     * Adds a later segment of this flow (its continuation in the next capture file) as if its
     * packets had followed here; the flow then ends the way the later segment ended.
     */
    void append(Flow later) {
        boolean swapped = !sameOrientation(later);
        for (int i = 0; i < features.length; i++) {
            features[i].append(later.features[i], swapped);
        }
        forwardPackets += swapped ? later.packets - later.forwardPackets : later.forwardPackets;
        forwardBytes += swapped ? later.bytes - later.forwardBytes : later.forwardBytes;
        packets += later.packets;
        bytes += later.bytes;
        lastNanos = Math.max(lastNanos, later.lastNanos);
        finSeen |= swapped ? swapFinBits(later.finSeen) : later.finSeen;
        closed = later.closed;
        endReason = later.endReason;
        cutByEndOfInput = later.cutByEndOfInput;
        if (!closed && finSeen == (FIN_FORWARD | FIN_BACKWARD)) {
            // One FIN in each segment: together they close the flow, as one pass would have.
            closed = true;
            endReason = EndReason.FIN;
        }
    }

    private static int swapFinBits(int bits) {
        return ((bits & FIN_FORWARD) != 0 ? FIN_BACKWARD : 0) | ((bits & FIN_BACKWARD) != 0 ? FIN_FORWARD : 0);
    }

    public long firstNanos() {
        return firstNanos;
    }

    /** The symmetric hash of the flow's addresses, ports and protocol (what {@link FlowSample} keys on). */
    public int hash() {
        return hash;
    }

    public long lastNanos() {
        return lastNanos;
    }

    /** Packets in the flow, both directions. */
    public long packets() {
        return packets;
    }

    /** Wire bytes in the flow, both directions. */
    public long bytes() {
        return bytes;
    }

    /** Packets from src to dst. */
    public long forwardPackets() {
        return forwardPackets;
    }

    /** Wire bytes from src to dst. */
    public long forwardBytes() {
        return forwardBytes;
    }

    public boolean closed() {
        return closed;
    }

    /** Why the flow ended; null while it is open. */
    public EndReason endReason() {
        return endReason;
    }

    /** The state of the i-th feature set, in the order the sets were given to the meter. */
    public FlowFeatures features(int i) {
        FlowFeatures f = features[i];
        if (f == null) {
            throw new IllegalStateException("the feature state of flow " + id + " was released");
        }
        return f;
    }

    /**
     * Drops the state of every feature set (an ended flow whose row shows no features and whose
     * verdict is made): waiting to be written in start order it then costs only its counters.
     */
    public void releaseFeatureState() {
        features = released(features.length);
    }

    /** Arrays of nulls shared by every flow that dropped its state (40 bytes less per waiting flow). */
    private static final FlowFeatures[][] RELEASED = new FlowFeatures[16][];

    static {
        for (int n = 0; n < RELEASED.length; n++) {
            RELEASED[n] = new FlowFeatures[n];
        }
    }

    /** Whether flows of {@code sets} feature sets share one array once released. */
    static boolean releasedStateShared(int sets) {
        return sets < RELEASED.length;
    }

    static FlowFeatures[] released(int sets) {
        return sets < RELEASED.length ? RELEASED[sets] : new FlowFeatures[sets];
    }

    /** Whether {@link #releaseFeatureState()} dropped the feature sets' state. */
    public boolean featureStateReleased() {
        return features.length > 0 && features[0] == null;
    }

    public int featureSetCount() {
        return features.length;
    }
}
