package org.flowmeter.live;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.flowmeter.pcap.RawPacket;

/**
 * Copies of the recent packets of live flows that are not flagged (yet), so that a flow flagged
 * later, at its early verdict or only when it ends, is forwarded from the oldest of its packets
 * still held.
 *
 * <p>Memory is capped in total: the copies go into one arena used as a ring, in capture order,
 * and the newest packet overwrites the oldest ones. So what is held is the most recent
 * {@code capacityBytes} of the traffic of unflagged flows; a flow's packets older than that are
 * gone when it is flagged, and are counted ({@link #packetsLost()}). Each flow only keeps the
 * sequence numbers of its packets (a growing array of longs, pruned of packets overwritten).
 * Flows are told apart by identity. No allocation per packet: one array per flow, grown by doubling.
 */
public final class RecentPackets {
    /** Where forwarded packets go. */
    @FunctionalInterface
    public interface Sink {
        void write(RawPacket packet) throws IOException;
    }

    /** Smallest packet the slot table is sized for: room for capacity/this many packets. */
    private static final int BYTES_PER_SLOT = 256;

    private final byte[] arena;
    private final int slotMask;
    private final int[] offsets;
    private final int[] capturedLengths;
    private final int[] originalLengths;
    private final int[] linkTypes;
    private final long[] timestamps;
    /** Arena position (counted from the start, never wrapped) where each slot's bytes begin. */
    private final long[] starts;
    private final Map<Object, FlowPackets> byFlow = new IdentityHashMap<>();
    private final RawPacket replay = new RawPacket();
    private long nextSequence;
    private long oldestSequence;
    private long writePosition;
    private long packetsForwarded;
    private long packetsLost;

    /** Sequence numbers of one flow's held packets, oldest first. */
    private static final class FlowPackets {
        long[] sequences = new long[4];
        int first;
        int end;
        /** Packets of the flow no longer held (overwritten, or larger than the whole memory). */
        long gone;
    }

    /** @param capacityBytes memory for packet copies; 0 holds nothing (flows are forwarded from their verdict on) */
    public RecentPackets(long capacityBytes) {
        if (capacityBytes < 0 || capacityBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("capacity must be between 0 and 2 GiB: " + capacityBytes);
        }
        int slots = Integer.highestOneBit((int) Math.max(16, capacityBytes / BYTES_PER_SLOT) - 1) << 1;
        this.arena = new byte[(int) capacityBytes];
        this.slotMask = slots - 1;
        this.offsets = new int[slots];
        this.capturedLengths = new int[slots];
        this.originalLengths = new int[slots];
        this.linkTypes = new int[slots];
        this.timestamps = new long[slots];
        this.starts = new long[slots];
    }

    /** Holds a copy of a packet of {@code flow}, which is not flagged. */
    public void hold(Object flow, RawPacket packet) {
        if (arena.length == 0) {
            return;
        }
        FlowPackets held = byFlow.get(flow);
        if (held == null) {
            held = new FlowPackets();
            byFlow.put(flow, held);
        }
        if (packet.capturedLength > arena.length) {
            held.gone++;
            return;
        }
        long sequence = append(packet);
        if (held.end == held.sequences.length) {
            makeRoom(held);
        }
        held.sequences[held.end++] = sequence;
    }

    /** Copies the packet into the arena, overwriting the oldest packets it needs room from. */
    private long append(RawPacket packet) {
        int length = packet.capturedLength;
        long at = writePosition;
        int index = (int) (at % arena.length);
        if (index + length > arena.length) {
            at += arena.length - index; // a packet never wraps around the arena's end
            index = 0;
        }
        long reusable = at + length - arena.length;
        while (oldestSequence < nextSequence
                && (starts[slot(oldestSequence)] < reusable || nextSequence - oldestSequence > slotMask)) {
            oldestSequence++;
        }
        int slot = slot(nextSequence);
        System.arraycopy(packet.data, packet.offset, arena, index, length);
        offsets[slot] = index;
        capturedLengths[slot] = length;
        originalLengths[slot] = packet.originalLength;
        linkTypes[slot] = packet.linkType;
        timestamps[slot] = packet.timestampNanos;
        starts[slot] = at;
        writePosition = at + length;
        return nextSequence++;
    }

    /** Drops the flow's packets already overwritten; grows the array if it is still more than half full. */
    private void makeRoom(FlowPackets held) {
        while (held.first < held.end && held.sequences[held.first] < oldestSequence) {
            held.first++;
            held.gone++;
        }
        int count = held.end - held.first;
        long[] target = count * 2 > held.sequences.length ? new long[held.sequences.length * 2] : held.sequences;
        System.arraycopy(held.sequences, held.first, target, 0, count);
        held.sequences = target;
        held.first = 0;
        held.end = count;
    }

    /** Writes the packets held for {@code flow}, oldest first, and forgets them. */
    public void forward(Object flow, Sink out) throws IOException {
        FlowPackets held = byFlow.remove(flow);
        if (held == null) {
            return;
        }
        packetsLost += held.gone;
        for (int i = held.first; i < held.end; i++) {
            long sequence = held.sequences[i];
            if (sequence < oldestSequence) {
                packetsLost++;
                continue;
            }
            int slot = slot(sequence);
            replay.set(arena, offsets[slot], capturedLengths[slot], originalLengths[slot], timestamps[slot],
                    linkTypes[slot], -1);
            out.write(replay);
            packetsForwarded++;
        }
    }

    /** Drops what is held for {@code flow} (its verdict is benign and final). */
    public void forget(Object flow) {
        byFlow.remove(flow);
    }

    private int slot(long sequence) {
        return (int) (sequence & slotMask);
    }

    /** Packets of flagged flows written from memory. */
    public long packetsForwarded() {
        return packetsForwarded;
    }

    /** Packets of flagged flows that were no longer held: overwritten by newer traffic (or larger than the memory). */
    public long packetsLost() {
        return packetsLost;
    }

    /** Flows with packets held. */
    public int flowsHeld() {
        return byFlow.size();
    }

    public long capacityBytes() {
        return arena.length;
    }
}
