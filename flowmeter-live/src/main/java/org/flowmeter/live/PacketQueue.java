package org.flowmeter.live;

import java.util.concurrent.atomic.AtomicLong;
import org.flowmeter.pcap.RawPacket;

/**
 * Hands packets from the capture thread to the reader with no object per packet: the bytes go
 * into one preallocated arena (a ring of bytes), their lengths and times into primitive arrays
 * (a ring of slots). One producer, one consumer; positions are published with release/acquire
 * ordering, so neither side takes a lock.
 *
 * <p>The producer {@link #reserve reserves} room, copies the bytes into {@link #arena()} at the
 * index it got, and {@link #publish publishes}. A reserve fails when either ring is full: the
 * caller drops the packet. The consumer {@link #take takes} a packet whose bytes stay valid until
 * its next take, which releases them.
 */
final class PacketQueue {
    private final byte[] arena;
    private final int slotMask;
    private final int[] offsets;
    private final int[] capturedLengths;
    private final int[] originalLengths;
    private final long[] timestamps;
    /** Arena position (counted from the start, never wrapped) just after each slot's bytes. */
    private final long[] ends;

    /** Slots published by the producer. */
    private final AtomicLong tail = new AtomicLong();
    /** Slots released by the consumer. */
    private final AtomicLong head = new AtomicLong();
    /** Arena position up to which the consumer released the bytes. */
    private final AtomicLong freed = new AtomicLong();

    // Producer's own state.
    private long written;
    private long writePosition;
    private long reservedAt;

    // Consumer's own state.
    private long taken;
    private boolean holding;

    /**
     * @param arenaBytes room for packet bytes; at least one packet of the largest size must fit
     * @param slots      most packets held at once (rounded up to a power of two)
     */
    PacketQueue(int arenaBytes, int slots) {
        int size = Integer.highestOneBit(Math.max(2, slots) - 1) << 1;
        this.arena = new byte[arenaBytes];
        this.slotMask = size - 1;
        this.offsets = new int[size];
        this.capturedLengths = new int[size];
        this.originalLengths = new int[size];
        this.timestamps = new long[size];
        this.ends = new long[size];
    }

    byte[] arena() {
        return arena;
    }

    int slots() {
        return slotMask + 1;
    }

    /**
     * Producer: room for {@code length} bytes. A packet never wraps around the arena's end; the
     * rest of the arena is skipped instead.
     *
     * @return the index in {@link #arena()} to copy the bytes to, or -1 when the queue is full
     */
    int reserve(int length) {
        if (written - head.getAcquire() > slotMask || length > arena.length) {
            return -1;
        }
        long at = writePosition;
        int index = (int) (at % arena.length);
        if (index + length > arena.length) {
            at += arena.length - index;
            index = 0;
        }
        if (at + length - freed.getAcquire() > arena.length) {
            return -1;
        }
        reservedAt = at;
        return index;
    }

    /** Producer: makes the packet copied to the last reserved room visible to the consumer. */
    void publish(int capturedLength, int originalLength, long timestampNanos) {
        int slot = (int) (written & slotMask);
        offsets[slot] = (int) (reservedAt % arena.length);
        capturedLengths[slot] = capturedLength;
        originalLengths[slot] = originalLength;
        timestamps[slot] = timestampNanos;
        writePosition = reservedAt + capturedLength;
        ends[slot] = writePosition;
        tail.setRelease(++written);
    }

    /**
     * Consumer: releases the packet handed out before and points {@code packet} at the next one.
     *
     * @return false when no packet is waiting
     */
    boolean take(RawPacket packet, int linkType) {
        release();
        if (taken == tail.getAcquire()) {
            return false;
        }
        int slot = (int) (taken & slotMask);
        packet.set(arena, offsets[slot], capturedLengths[slot], originalLengths[slot], timestamps[slot], linkType, -1);
        holding = true;
        return true;
    }

    private void release() {
        if (holding) {
            holding = false;
            freed.setRelease(ends[(int) (taken & slotMask)]);
            head.setRelease(++taken);
        }
    }

    /** Packets published and not yet taken (approximate while the producer runs). */
    long waiting() {
        return tail.getAcquire() - taken;
    }
}
