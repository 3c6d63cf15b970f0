package org.flowmeter.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.decode.PacketBuilder.ethernet;
import static org.flowmeter.decode.PacketBuilder.ipv4;
import static org.flowmeter.decode.PacketBuilder.ipv6;
import static org.flowmeter.decode.PacketBuilder.raw;
import static org.flowmeter.decode.PacketBuilder.udp;

import org.flowmeter.pcap.LinkType;
import org.junit.jupiter.api.Test;

/** PPPoE sessions and IP-in-IP tunnels: the flow is the innermost IP packet's. */
class PacketDecoderTunnelTest {
    private final PacketDecoder decoder = new PacketDecoder();
    private final DecodedPacket out = new DecodedPacket();

    private static byte[] pppoe(int pppProtocol, byte[] ip) {
        byte[] session = new byte[8 + ip.length];
        session[0] = 0x11;                        // version 1, type 1
        session[2] = 0x12;                        // session id
        session[4] = (byte) ((ip.length + 2) >>> 8);
        session[5] = (byte) (ip.length + 2);
        session[6] = (byte) (pppProtocol >>> 8);
        session[7] = (byte) pppProtocol;
        System.arraycopy(ip, 0, session, 8, ip.length);
        return session;
    }

    @Test
    void ipv4InsidePppoe() {
        byte[] ip = ipv4(DecodedPacket.UDP, 0x0A000001L, 0x0A000002L, udp(514, 515, 10));
        assertThat(decoder.decode(raw(LinkType.ETHERNET, ethernet(0x8864, pppoe(0x0021, ip))), out)).isNull();
        assertThat(out.srcLo).isEqualTo(0x0A000001L);
        assertThat(out.srcPort).isEqualTo(514);
        assertThat(out.payloadLength).isEqualTo(10);
    }

    @Test
    void ipv6InsidePppoeAndOtherPppProtocols() {
        byte[] ip = ipv6(DecodedPacket.UDP, 1, 2, 3, 4, udp(1, 2, 0));
        assertThat(decoder.decode(raw(LinkType.ETHERNET, ethernet(0x8864, pppoe(0x0057, ip))), out)).isNull();
        assertThat(out.ipVersion).isEqualTo(6);
        assertThat(out.dstLo).isEqualTo(4);
        byte[] lcp = pppoe(0xC021, new byte[12]);
        assertThat(decoder.decode(raw(LinkType.ETHERNET, ethernet(0x8864, lcp)), out)).isEqualTo(SkipReason.NON_IP);
        byte[] cut = pppoe(0x0021, new byte[0]);
        assertThat(decoder.decode(raw(LinkType.ETHERNET, ethernet(0x8864, cut), 14 + 7, 14 + 8), out))
                .isEqualTo(SkipReason.TRUNCATED);
    }

    @Test
    void ipv6InIpv4TunnelUsesTheInnerAddressesAndPorts() {
        byte[] inner = ipv6(DecodedPacket.UDP, 0x20010470L << 32, 2, 0x20010470L << 32, 0x22, udp(38159, 514, 100));
        byte[] outer = ipv4(41, 0x01020304L, 0x05060708L, inner);
        assertThat(decoder.decode(raw(LinkType.ETHERNET, ethernet(0x0800, outer)), out)).isNull();
        assertThat(out.ipVersion).isEqualTo(6);
        assertThat(out.srcHi).isEqualTo(0x20010470L << 32);
        assertThat(out.dstLo).isEqualTo(0x22);
        assertThat(out.srcPort).isEqualTo(38159);
        assertThat(out.payloadLength).isEqualTo(100);
    }

    @Test
    void ipv4InIpv4AtAnyDepthUpToTheLimit() {
        byte[] inner = ipv4(DecodedPacket.UDP, 0x0A000001L, 0x0A000002L, udp(1, 2, 0));
        assertThat(decoder.decode(raw(LinkType.RAW, ipv4(4, 9, 10, inner)), out)).isNull();
        assertThat(out.srcLo).isEqualTo(0x0A000001L);
        byte[] deep = inner;
        for (int level = 0; level < PacketDecoder.MAX_ENCAPSULATION; level++) {
            deep = ipv4(4, 100 + level, 200 + level, deep);
        }
        assertThat(decoder.decode(raw(LinkType.RAW, deep), out)).isNull();
        assertThat(out.srcLo).isEqualTo(0x0A000001L);
        assertThat(out.srcPort).isEqualTo(1);
        assertThat(decoder.tunnelsNotFollowed()).isZero();
    }

    @Test
    void aTunnelDeeperThanTheLimitIsAFlowOfItsDeepestFollowedLevel() {
        byte[] deep = ipv4(DecodedPacket.UDP, 0x0A000001L, 0x0A000002L, udp(1, 2, 0));
        for (int level = 0; level <= PacketDecoder.MAX_ENCAPSULATION; level++) {
            deep = ipv4(4, 100 + level, 200 + level, deep);
        }
        assertThat(decoder.decode(raw(LinkType.RAW, deep), out)).isNull();
        // The outermost header is level MAX; the one at depth MAX (level 0) carries the unfollowed inside.
        assertThat(out.protocol).isEqualTo(4);
        assertThat(out.srcLo).isEqualTo(100);
        assertThat(out.dstLo).isEqualTo(200);
        assertThat(out.payloadLength).isEqualTo(28);
        assertThat(decoder.tunnelsNotFollowed()).isEqualTo(1);
    }

    @Test
    void anUnreadableInsideLeavesTheOuterFlow() {
        byte[] inner = ipv4(DecodedPacket.UDP, 0x0A000001L, 0x0A000002L, udp(1, 2, 0));
        byte[] wrongVersion = ipv4(41, 1, 2, inner);
        assertThat(decoder.decode(raw(LinkType.RAW, wrongVersion), out)).isNull();
        assertThat(out.protocol).isEqualTo(41);
        assertThat(out.srcLo).isEqualTo(1);
        assertThat(out.dstLo).isEqualTo(2);
        assertThat(out.srcPort).isZero();
        assertThat(out.payloadLength).isEqualTo(inner.length);
        assertThat(decoder.tunnelsNotFollowed()).isEqualTo(1);
    }

    @Test
    void aFragmentedTunnelPacketIsAFlowOfTheTunnelProtocol() {
        byte[] inner = ipv4(DecodedPacket.UDP, 0x0A000001L, 0x0A000002L, udp(1, 2, 100));
        byte[] first = ipv4(47, 1, 2, 0, 9, 0x2000, java.util.Arrays.copyOf(inner, 64));
        assertThat(decoder.decode(raw(LinkType.RAW, first), out)).isNull();
        assertThat(out.protocol).isEqualTo(47);
        assertThat(out.payloadLength).isEqualTo(64);
        byte[] later = ipv4(47, 1, 2, 0, 9, 8, java.util.Arrays.copyOfRange(inner, 64, inner.length));
        assertThat(decoder.decode(raw(LinkType.RAW, later), out)).isNull();
        assertThat(out.protocol).isEqualTo(47);
        assertThat(out.laterFragment).isTrue();
        assertThat(out.payloadLength).isEqualTo(inner.length - 64);
    }

    private static byte[] gre(int flags, int protocolType, byte[] payload) {
        byte[] header = new byte[4 + 4 * Integer.bitCount(flags & 0xB000)];
        header[0] = (byte) (flags >>> 8);
        header[1] = (byte) flags;
        header[2] = (byte) (protocolType >>> 8);
        header[3] = (byte) protocolType;
        byte[] all = java.util.Arrays.copyOf(header, header.length + payload.length);
        System.arraycopy(payload, 0, all, header.length, payload.length);
        return all;
    }

    @Test
    void greWithKeyAndSequenceCarryingIpv4() {
        byte[] inner = ipv4(DecodedPacket.UDP, 0x0A000001L, 0x0A000002L, udp(53, 5353, 4));
        assertThat(decoder.decode(raw(LinkType.RAW, ipv4(47, 1, 2, gre(0x3000, 0x0800, inner))), out)).isNull();
        assertThat(out.srcLo).isEqualTo(0x0A000001L);
        assertThat(out.dstPort).isEqualTo(5353);
        assertThat(out.payloadLength).isEqualTo(4);
    }

    @Test
    void greThatCannotBeFollowedIsAGreFlow() {
        byte[] inner = ipv4(DecodedPacket.UDP, 0x0A000001L, 0x0A000002L, udp(53, 5353, 4));
        byte[][] unfollowed = {
            gre(0x0001, 0x0800, inner),                 // version 1
            gre(0x4000, 0x0800, inner),                 // RFC 1701 routing
            gre(0x0000, 0x0806, new byte[28]),          // ARP inside
            gre(0x1000, 0x22EB, new byte[40]),          // ERSPAN III header of version 0
            gre(0x0000, 0x0800, new byte[0]),           // nothing inside
        };
        for (byte[] g : unfollowed) {
            assertThat(decoder.decode(raw(LinkType.RAW, ipv4(47, 1, 2, g)), out)).isNull();
            assertThat(out.protocol).isEqualTo(47);
            assertThat(out.srcLo).isEqualTo(1);
            assertThat(out.dstLo).isEqualTo(2);
            assertThat(out.payloadLength).isEqualTo(g.length);
        }
        assertThat(decoder.tunnelsNotFollowed()).isEqualTo(unfollowed.length);
    }

    @Test
    void vxlanWhoseInsideIsCutStaysItsUdpFlow() {
        byte[] vxlan = new byte[8 + 10];           // VXLAN header, then 10 of an Ethernet header's 14 bytes
        vxlan[0] = 0x08;
        byte[] packet = ipv4(DecodedPacket.UDP, 1, 2, concat(java.util.Arrays.copyOfRange(udp(40000, 4789, vxlan.length), 0, 8), vxlan));
        assertThat(decoder.decode(raw(LinkType.RAW, packet), out)).isNull();
        assertThat(out.protocol).isEqualTo(DecodedPacket.UDP);
        assertThat(out.srcPort).isEqualTo(40000);
        assertThat(out.dstPort).isEqualTo(4789);
        assertThat(out.payloadLength).isEqualTo(vxlan.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
