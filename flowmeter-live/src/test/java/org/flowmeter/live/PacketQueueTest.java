package org.flowmeter.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.api.Test;

class PacketQueueTest {
    private static final int LINK = 1;

    /** Copies a packet of {@code length} bytes, each byte {@code fill}, as the capture thread does. */
    private static boolean offer(PacketQueue q, int length, byte fill, long time) {
        int at = q.reserve(length);
        if (at < 0) {
            return false;
        }
        Arrays.fill(q.arena(), at, at + length, fill);
        q.publish(length, length + 1000, time);
        return true;
    }

    private static byte[] bytes(RawPacket p) {
        return Arrays.copyOfRange(p.data, p.offset, p.offset + p.capturedLength);
    }

    @Test
    void packetsComeOutInOrderWithTheirLengthsAndTimes() {
        PacketQueue q = new PacketQueue(1000, 8);
        RawPacket p = new RawPacket();
        assertThat(q.take(p, LINK)).isFalse();
        assertThat(offer(q, 10, (byte) 1, 100)).isTrue();
        assertThat(offer(q, 20, (byte) 2, 200)).isTrue();

        assertThat(q.take(p, LINK)).isTrue();
        assertThat(bytes(p)).containsOnly(1).hasSize(10);
        assertThat(p.originalLength).isEqualTo(1010);
        assertThat(p.timestampNanos).isEqualTo(100);
        assertThat(p.linkType).isEqualTo(LINK);
        assertThat(q.take(p, LINK)).isTrue();
        assertThat(bytes(p)).containsOnly(2).hasSize(20);
        assertThat(p.timestampNanos).isEqualTo(200);
        assertThat(q.take(p, LINK)).isFalse();
    }

    @Test
    void fullSlotsRefuseUntilTheReaderMovesOn() {
        PacketQueue q = new PacketQueue(1000, 4);
        RawPacket p = new RawPacket();
        for (int i = 0; i < 4; i++) {
            assertThat(offer(q, 1, (byte) i, i)).isTrue();
        }
        assertThat(offer(q, 1, (byte) 9, 9)).as("four slots taken").isFalse();
        assertThat(q.take(p, LINK)).isTrue();
        // the packet handed out is still held: its slot is released by the next take
        assertThat(offer(q, 1, (byte) 9, 9)).isFalse();
        assertThat(q.take(p, LINK)).isTrue();
        assertThat(bytes(p)).containsExactly(1);
        assertThat(offer(q, 1, (byte) 9, 9)).isTrue();
    }

    @Test
    void bytesNeverOverwriteAPacketNotYetReleasedAndNeverWrapAroundTheEnd() {
        PacketQueue q = new PacketQueue(100, 64);
        RawPacket p = new RawPacket();
        assertThat(offer(q, 40, (byte) 1, 1)).isTrue();
        assertThat(offer(q, 40, (byte) 2, 2)).isTrue();
        assertThat(offer(q, 40, (byte) 3, 3)).as("20 bytes left at the end, the start still in use").isFalse();
        assertThat(q.take(p, LINK)).isTrue(); // packet 1 held
        assertThat(offer(q, 40, (byte) 3, 3)).as("packet 1 not released yet").isFalse();
        assertThat(q.take(p, LINK)).isTrue(); // releases packet 1, holds packet 2 (bytes 40-79)
        assertThat(bytes(p)).containsOnly(2).hasSize(40);
        assertThat(offer(q, 40, (byte) 3, 3)).as("goes to the start, not split at the end").isTrue();
        assertThat(bytes(p)).as("packet 2 intact while held").containsOnly(2).hasSize(40);
        assertThat(offer(q, 30, (byte) 4, 4)).as("only 0 bytes free before packet 2").isFalse();
        assertThat(q.take(p, LINK)).isTrue();
        assertThat(p.offset).isZero();
        assertThat(bytes(p)).containsOnly(3).hasSize(40);
        assertThat(offer(q, 30, (byte) 4, 4)).isTrue();
        assertThat(q.take(p, LINK)).isTrue();
        assertThat(p.offset).isEqualTo(40);
        assertThat(bytes(p)).containsOnly(4).hasSize(30);
        assertThat(q.take(p, LINK)).isFalse();
    }

    @Test
    void aPacketLargerThanTheArenaIsRefused() {
        PacketQueue q = new PacketQueue(100, 4);
        assertThat(q.reserve(101)).isEqualTo(-1);
        assertThat(q.reserve(100)).isZero();
    }

    @Test
    void slotCountIsRoundedUpToAPowerOfTwo() {
        assertThat(new PacketQueue(10, 5).slots()).isEqualTo(8);
        assertThat(new PacketQueue(10, 8).slots()).isEqualTo(8);
        assertThat(new PacketQueue(10, 1 << 16).slots()).isEqualTo(1 << 16);
    }

    /** A producer and a consumer thread: every packet arrives once, in order, with its own bytes. */
    @Test
    void aProducerThreadAndAConsumerThreadAgreeOnEveryPacket() throws Exception {
        // small enough to wrap around both rings many times
        PacketQueue q = new PacketQueue(1 << 16, 1024);
        int total = 20_000;
        Thread producer = new Thread(() -> {
            for (int i = 0; i < total; ) {
                int length = 1 + i % 97;
                int at = q.reserve(length);
                if (at < 0) {
                    Thread.yield();
                    continue;
                }
                Arrays.fill(q.arena(), at, at + length, (byte) i);
                q.publish(length, length, i);
                i++;
            }
        });
        producer.start();
        RawPacket p = new RawPacket();
        for (int i = 0; i < total; ) {
            if (!q.take(p, LINK)) {
                Thread.yield();
                continue;
            }
            assertThat(p.timestampNanos).isEqualTo(i);
            assertThat(p.capturedLength).isEqualTo(1 + i % 97);
            for (int j = 0; j < p.capturedLength; j++) {
                if (p.data[p.offset + j] != (byte) i) {
                    throw new AssertionError("packet " + i + " byte " + j + " overwritten");
                }
            }
            i++;
        }
        producer.join();
        assertThat(q.take(p, LINK)).isFalse();
    }
}
