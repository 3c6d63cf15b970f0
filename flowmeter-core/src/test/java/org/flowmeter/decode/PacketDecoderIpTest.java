package org.flowmeter.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.decode.PacketBuilder.ETH_IPV4;
import static org.flowmeter.decode.PacketBuilder.authentication;
import static org.flowmeter.decode.PacketBuilder.ethernet;
import static org.flowmeter.decode.PacketBuilder.extension;
import static org.flowmeter.decode.PacketBuilder.fragment6;
import static org.flowmeter.decode.PacketBuilder.ipv4;
import static org.flowmeter.decode.PacketBuilder.ipv6;
import static org.flowmeter.decode.PacketBuilder.raw;
import static org.flowmeter.decode.PacketBuilder.tcp;
import static org.flowmeter.decode.PacketBuilder.udp;

import java.util.Arrays;

import org.flowmeter.pcap.LinkType;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.api.Test;

class PacketDecoderIpTest {
    static final long SRC4 = 0x0A00_0001L;
    static final long DST4 = 0x0A00_0002L;
    static final long V6_HI = 0x2001_0DB8_0000_0000L;

    private final PacketDecoder decoder = new PacketDecoder();
    private final DecodedPacket out = new DecodedPacket();

    private SkipReason decodeRaw(byte[] ip) {
        return decoder.decode(raw(LinkType.RAW, ip), out);
    }

    @Test
    void ipv4LengthsWithOptions() {
        byte[] ip = ipv4(DecodedPacket.TCP, SRC4, DST4, 12, 7, 0x4000,
                tcp(1234, 80, DecodedPacket.ACK | DecodedPacket.PSH, 501, 12, 100));
        assertThat(decodeRaw(ip)).isNull();
        assertThat(out.ipHeaderLength).isEqualTo(32);
        assertThat(out.transportHeaderLength).isEqualTo(32);
        assertThat(out.payloadLength).isEqualTo(100);
        assertThat(out.ipTotalLength).isEqualTo(164);
        assertThat(out.srcPort).isEqualTo(1234);
        assertThat(out.dstPort).isEqualTo(80);
        assertThat(out.tcpFlags).isEqualTo(DecodedPacket.ACK | DecodedPacket.PSH);
        assertThat(out.tcpWindow).isEqualTo(501);
        assertThat(out.laterFragment).isFalse();
    }

    @Test
    void ethernetPaddingBeyondTheTotalLengthIsIgnored() {
        byte[] ip = ipv4(DecodedPacket.TCP, SRC4, DST4, tcp(1, 2, DecodedPacket.ACK, 9, 0, 0));
        byte[] padded = Arrays.copyOf(ethernet(ETH_IPV4, ip), 60);
        assertThat(decoder.decode(raw(LinkType.ETHERNET, padded), out)).isNull();
        assertThat(out.ipTotalLength).isEqualTo(40);
        assertThat(out.payloadLength).isZero();
        assertThat(out.wireLength).isEqualTo(60);
    }

    @Test
    void snaplenCutPayloadKeepsTheIpLengths() {
        byte[] ip = ipv4(DecodedPacket.UDP, SRC4, DST4, udp(53, 5353, 1400));
        assertThat(decoder.decode(raw(LinkType.RAW, ip, 60, ip.length), out)).isNull();
        assertThat(out.payloadLength).isEqualTo(1400);
        assertThat(out.ipTotalLength).isEqualTo(1428);
    }

    @Test
    void zeroTotalLengthFromSegmentationOffloadFallsBackToTheWireLength() {
        byte[] ip = ipv4(DecodedPacket.TCP, SRC4, DST4, tcp(1, 2, DecodedPacket.ACK, 9, 0, 200));
        ip[2] = 0;
        ip[3] = 0;
        byte[] frame = ethernet(ETH_IPV4, ip);
        assertThat(decoder.decode(raw(LinkType.ETHERNET, frame, 100, 14 + 60000), out)).isNull();
        assertThat(out.ipTotalLength).isEqualTo(60000);
        assertThat(out.payloadLength).isEqualTo(60000 - 40);
    }

    @Test
    void badIpv4Headers() {
        byte[] ip = ipv4(DecodedPacket.TCP, SRC4, DST4, tcp(1, 2, 0, 0, 0, 0));
        byte[] shortIhl = ip.clone();
        shortIhl[0] = 0x44;
        assertThat(decodeRaw(shortIhl)).isEqualTo(SkipReason.MALFORMED);
        byte[] totalBelowHeader = ip.clone();
        totalBelowHeader[3] = 19;
        assertThat(decodeRaw(totalBelowHeader)).isEqualTo(SkipReason.MALFORMED);
        byte[] noRoomForTcp = ip.clone();
        noRoomForTcp[3] = 30;
        assertThat(decodeRaw(noRoomForTcp)).isEqualTo(SkipReason.MALFORMED);
        byte[] tcpOffsetTooSmall = ip.clone();
        tcpOffsetTooSmall[20 + 12] = 0x40;
        assertThat(decodeRaw(tcpOffsetTooSmall)).isEqualTo(SkipReason.MALFORMED);
        assertThat(decoder.decode(raw(LinkType.RAW, ip, 23, 40), out)).isEqualTo(SkipReason.TRUNCATED);
    }

    @Test
    void everyOtherIpProtocolIsAFlowWithoutPorts() {
        for (int protocol : new int[] {2, 50, 89, 112, DecodedPacket.ICMPV6}) {
            assertThat(decodeRaw(ipv4(protocol, SRC4, DST4, new byte[24]))).isNull();
            assertThat(out.protocol).isEqualTo(protocol);
            assertThat(out.srcLo).isEqualTo(SRC4);
            assertThat(out.dstLo).isEqualTo(DST4);
            assertThat(out.srcPort).isZero();
            assertThat(out.dstPort).isZero();
            assertThat(out.transportHeaderLength).isZero();
            assertThat(out.payloadLength).isEqualTo(24);
        }
        assertThat(decodeRaw(ipv6(DecodedPacket.ICMP, V6_HI, 1, V6_HI, 2, new byte[8]))).isNull();
        assertThat(out.protocol).isEqualTo(DecodedPacket.ICMP);
        assertThat(out.payloadLength).isEqualTo(8);
    }

    /** SCTP's common header (ports, verification tag, checksum) as tshark reads it; the chunks are payload. */
    @Test
    void sctpGivesPortsLikeUdp() {
        byte[] init = new byte[32];
        init[0] = 0x13; // source port 5000
        init[1] = (byte) 0x88;
        init[2] = 0x17; // destination port 6000
        init[3] = 0x70;
        init[12] = 1; // an INIT chunk of 20 bytes
        init[15] = 20;
        assertThat(decodeRaw(ipv4(DecodedPacket.SCTP, SRC4, DST4, init))).isNull();
        assertThat(out.protocol).isEqualTo(132);
        assertThat(out.srcPort).isEqualTo(5000);
        assertThat(out.dstPort).isEqualTo(6000);
        assertThat(out.transportHeaderLength).isEqualTo(12);
        assertThat(out.payloadLength).isEqualTo(20);
        assertThat(decodeRaw(ipv4(DecodedPacket.SCTP, SRC4, DST4, new byte[8]))).isEqualTo(SkipReason.MALFORMED);
    }

    @Test
    void ipv6WithEveryExtensionHeader() {
        byte[] chain = extension(43, 8,                          // hop-by-hop
                extension(51, 24,                                // routing
                        authentication(44, 24,                   // AH, 4-byte units
                                fragment6(60, 0, false, 99,      // atomic fragment
                                        extension(DecodedPacket.TCP, 16,     // destination options
                                                tcp(443, 50000, DecodedPacket.SYN | DecodedPacket.ACK, 65535, 20, 10))))));
        byte[] ip = ipv6(0, V6_HI, 0x10, V6_HI | 0xFF, 0x20, chain);
        assertThat(decodeRaw(ip)).isNull();
        assertThat(out.ipVersion).isEqualTo(6);
        assertThat(out.srcHi).isEqualTo(V6_HI);
        assertThat(out.srcLo).isEqualTo(0x10);
        assertThat(out.dstHi).isEqualTo(V6_HI | 0xFF);
        assertThat(out.dstLo).isEqualTo(0x20);
        assertThat(out.ipHeaderLength).isEqualTo(40 + 8 + 24 + 24 + 8 + 16);
        assertThat(out.transportHeaderLength).isEqualTo(40);
        assertThat(out.payloadLength).isEqualTo(10);
        assertThat(out.ipTotalLength).isEqualTo(40 + chain.length);
        assertThat(out.srcPort).isEqualTo(443);
        assertThat(out.dstPort).isEqualTo(50000);
        assertThat(out.tcpFlags).isEqualTo(DecodedPacket.SYN | DecodedPacket.ACK);
        assertThat(out.laterFragment).isFalse();
    }

    @Test
    void ipv6EachExtensionAlone() {
        byte[] udp = udp(1, 2, 3);
        int[][] cases = {{0, 8}, {43, 32}, {60, 8}};
        for (int[] c : cases) {
            assertThat(decodeRaw(ipv6(c[0], V6_HI, 1, V6_HI, 2, extension(DecodedPacket.UDP, c[1], udp)))).isNull();
            assertThat(out.ipHeaderLength).isEqualTo(40 + c[1]);
            assertThat(out.payloadLength).isEqualTo(3);
        }
        assertThat(decodeRaw(ipv6(51, V6_HI, 1, V6_HI, 2, authentication(DecodedPacket.UDP, 16, udp)))).isNull();
        assertThat(out.ipHeaderLength).isEqualTo(56);
    }

    @Test
    void ipv6EspAndNoNextHeaderAreFlowsWithoutPorts() {
        assertThat(decodeRaw(ipv6(50, V6_HI, 1, V6_HI, 2, new byte[40]))).isNull();
        assertThat(out.protocol).isEqualTo(50);
        assertThat(out.payloadLength).isEqualTo(40);
        assertThat(decodeRaw(ipv6(0, V6_HI, 1, V6_HI, 2, extension(59, 8, new byte[0])))).isNull();
        assertThat(out.protocol).isEqualTo(59);
        assertThat(out.ipHeaderLength).isEqualTo(48);
        assertThat(out.payloadLength).isZero();
    }

    @Test
    void ipv6ExtensionHeaderLongerThanThePacketIsMalformed() {
        byte[] ip = ipv6(60, V6_HI, 1, V6_HI, 2, extension(DecodedPacket.UDP, 8, udp(1, 2, 0)));
        ip[41] = 10;    // claims 88 bytes of options
        assertThat(decodeRaw(ip)).isEqualTo(SkipReason.MALFORMED);
        RawPacket cut = raw(LinkType.RAW, ip, 41, ip.length);
        assertThat(decoder.decode(cut, out)).isEqualTo(SkipReason.TRUNCATED);
    }

    @Test
    void ipv6ZeroPayloadLengthFallsBackToTheWireLength() {
        byte[] ip = ipv6(DecodedPacket.TCP, V6_HI, 1, V6_HI, 2, tcp(1, 2, DecodedPacket.ACK, 3, 0, 0));
        ip[4] = 0;
        ip[5] = 0;
        assertThat(decoder.decode(raw(LinkType.RAW, ip, ip.length, 90000), out)).isNull();
        assertThat(out.ipTotalLength).isEqualTo(90000);
        assertThat(out.payloadLength).isEqualTo(90000 - 60);
    }
}
