package org.flowmeter.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.flowmeter.pcap.LinkType;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.api.Test;

/** Generated TCP/UDP packets decode back to exactly the fields they were generated from. */
class PacketDecoderPropertyTest {
    private static final int[] VLAN_TYPES = {0x8100, 0x88A8, 0x9100};

    @Test
    void randomValidPacketsRoundTrip() {
        Random random = new Random(7_340_033L);
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket out = new DecodedPacket();
        for (int i = 0; i < 5_000; i++) {
            boolean v6 = random.nextBoolean();
            boolean isTcp = random.nextBoolean();
            long srcHi = v6 ? random.nextLong() : 0;
            long dstHi = v6 ? random.nextLong() : 0;
            long srcLo = v6 ? random.nextLong() : random.nextLong() & 0xFFFF_FFFFL;
            long dstLo = v6 ? random.nextLong() : random.nextLong() & 0xFFFF_FFFFL;
            int srcPort = random.nextInt(65536);
            int dstPort = random.nextInt(65536);
            int flags = random.nextInt(256);
            int window = random.nextInt(65536);
            int tcpOptions = 4 * random.nextInt(11);
            int ipOptions = v6 ? 0 : 4 * random.nextInt(11);
            int payload = random.nextInt(1400);
            int protocol = isTcp ? DecodedPacket.TCP : DecodedPacket.UDP;

            byte[] transport = isTcp
                    ? PacketBuilder.tcp(srcPort, dstPort, flags, window, tcpOptions, payload)
                    : PacketBuilder.udp(srcPort, dstPort, payload);
            byte[] ip = v6
                    ? PacketBuilder.ipv6(protocol, srcHi, srcLo, dstHi, dstLo, transport)
                    : PacketBuilder.ipv4(protocol, srcLo, dstLo, ipOptions, random.nextInt(65536), 0x4000, transport);
            int[] vlans = new int[random.nextInt(4)];
            for (int v = 0; v < vlans.length; v++) {
                vlans[v] = VLAN_TYPES[random.nextInt(VLAN_TYPES.length)];
            }
            byte[] frame = PacketBuilder.ethernet(v6 ? PacketBuilder.ETH_IPV6 : PacketBuilder.ETH_IPV4, ip, vlans);
            // Snaplen cuts anywhere after the headers must not change any field.
            int headers = frame.length - payload;
            int captured = headers + random.nextInt(payload + 1);
            RawPacket raw = PacketBuilder.raw(LinkType.ETHERNET, frame, captured, frame.length);
            long time = random.nextLong();
            raw.timestampNanos = time;

            assertThat(decoder.decode(raw, out)).as("packet %d", i).isNull();
            assertThat(out.timestampNanos).isEqualTo(time);
            assertThat(out.wireLength).isEqualTo(frame.length);
            assertThat(out.ipVersion).isEqualTo(v6 ? 6 : 4);
            assertThat(new long[] {out.srcHi, out.srcLo, out.dstHi, out.dstLo})
                    .containsExactly(srcHi, srcLo, dstHi, dstLo);
            assertThat(out.protocol).isEqualTo(protocol);
            assertThat(out.srcPort).isEqualTo(srcPort);
            assertThat(out.dstPort).isEqualTo(dstPort);
            assertThat(out.tcpFlags).isEqualTo(isTcp ? flags : 0);
            assertThat(out.tcpWindow).isEqualTo(isTcp ? window : 0);
            assertThat(out.ipHeaderLength).isEqualTo(v6 ? 40 : 20 + ipOptions);
            assertThat(out.transportHeaderLength).isEqualTo(isTcp ? 20 + tcpOptions : 8);
            assertThat(out.payloadLength).isEqualTo(payload);
            assertThat(out.ipTotalLength).isEqualTo(ip.length);
            assertThat(out.laterFragment).isFalse();
        }
        assertThat(decoder.decoded()).isEqualTo(5_000);
    }
}
