package org.flowmeter.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.api.Test;

class RecentPacketsTest {
    /** What the sink received: first byte, length, original length, time, link type of each packet. */
    private final List<long[]> written = new ArrayList<>();
    private final RecentPackets.Sink sink = p -> written.add(new long[] {
        p.data[p.offset], p.capturedLength, p.originalLength, p.timestampNanos, p.linkType});
    private final RawPacket packet = new RawPacket();

    /** A packet of {@code length} bytes, each one {@code id}, with time {@code id}. */
    private RawPacket packet(int id, int length) {
        byte[] data = new byte[length + 3];
        Arrays.fill(data, (byte) id);
        packet.set(data, 3, length, length + 100, id, 1, -1);
        return packet;
    }

    private List<Long> firstBytes() {
        return written.stream().map(w -> w[0]).toList();
    }

    @Test
    void aFlowIsForwardedOldestFirstWithEachPacketsOwnBytesAndTimes() throws Exception {
        RecentPackets recent = new RecentPackets(10_000);
        Object a = new Object();
        Object b = new Object();
        for (int i = 1; i <= 10; i++) {
            recent.hold(i % 2 == 0 ? a : b, packet(i, 50 + i));
        }
        recent.forward(a, sink);
        assertThat(firstBytes()).containsExactly(2L, 4L, 6L, 8L, 10L);
        assertThat(written.get(0)).containsExactly(2, 52, 152, 2, 1);
        assertThat(written.get(4)).containsExactly(10, 60, 160, 10, 1);
        assertThat(recent.packetsForwarded()).isEqualTo(5);
        assertThat(recent.packetsLost()).isZero();

        written.clear();
        recent.forward(a, sink);
        assertThat(written).as("forgotten once forwarded").isEmpty();
        recent.forget(b);
        recent.forward(b, sink);
        assertThat(written).isEmpty();
        assertThat(recent.flowsHeld()).isZero();
    }

    @Test
    void theNewestTrafficOverwritesTheOldestAndALongFlowKeepsItsRecentPackets() throws Exception {
        RecentPackets recent = new RecentPackets(1000); // ten packets of 100 bytes
        Object longFlow = new Object();
        Object other = new Object();
        recent.hold(other, packet(0, 100));
        for (int i = 1; i <= 30; i++) {
            recent.hold(longFlow, packet(i, 100));
        }
        recent.forward(longFlow, sink);
        assertThat(firstBytes()).containsExactly(21L, 22L, 23L, 24L, 25L, 26L, 27L, 28L, 29L, 30L);
        assertThat(recent.packetsLost()).isEqualTo(20);

        written.clear();
        recent.forward(other, sink);
        assertThat(written).isEmpty();
        assertThat(recent.packetsLost()).isEqualTo(21);
        assertThat(recent.packetsForwarded()).isEqualTo(10);
    }

    @Test
    void aPacketNeverWrapsAroundTheEndOfTheMemory() throws Exception {
        RecentPackets recent = new RecentPackets(250);
        Object flow = new Object();
        recent.hold(flow, packet(1, 100));
        recent.hold(flow, packet(2, 100));
        recent.hold(flow, packet(3, 100)); // 50 bytes left at the end: goes to the start, over packet 1
        recent.forward(flow, sink);
        assertThat(firstBytes()).containsExactly(2L, 3L);
        assertThat(written).allSatisfy(w -> assertThat(w[1]).isEqualTo(100));
        assertThat(recent.packetsLost()).isEqualTo(1);
    }

    @Test
    void packetsLargerThanTheMemoryAreCountedAndNothingIsHeldWithoutMemory() throws Exception {
        RecentPackets recent = new RecentPackets(100);
        Object flow = new Object();
        recent.hold(flow, packet(1, 101));
        recent.hold(flow, packet(2, 60));
        recent.forward(flow, sink);
        assertThat(firstBytes()).containsExactly(2L);
        assertThat(recent.packetsLost()).isEqualTo(1);

        RecentPackets none = new RecentPackets(0);
        none.hold(flow, packet(3, 10));
        none.forward(flow, sink);
        assertThat(firstBytes()).containsExactly(2L);
        assertThat(none.packetsLost()).isZero();
    }

    /** Many small packets: the slot table (capacity / 256 slots, at least 16) is what runs out first. */
    @Test
    void theSlotTableBoundsHowManyPacketsAreHeld() throws Exception {
        RecentPackets recent = new RecentPackets(1024); // 16 slots
        Object flow = new Object();
        for (int i = 1; i <= 40; i++) {
            recent.hold(flow, packet(i, 10));
        }
        recent.forward(flow, sink);
        assertThat(firstBytes()).hasSize(16).startsWith(25L).endsWith(40L);
        assertThat(recent.packetsLost()).isEqualTo(24);
    }
}
