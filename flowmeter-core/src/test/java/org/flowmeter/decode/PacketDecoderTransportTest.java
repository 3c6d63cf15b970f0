package org.flowmeter.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.decode.PacketBuilder.icmp;
import static org.flowmeter.decode.PacketBuilder.ipv4;
import static org.flowmeter.decode.PacketBuilder.ipv6;
import static org.flowmeter.decode.PacketBuilder.raw;
import static org.flowmeter.decode.PacketBuilder.tcp;
import static org.flowmeter.decode.PacketBuilder.udp;

import org.flowmeter.pcap.LinkType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacketDecoderTransportTest {
    static final long A = 0x0A00_0001L;
    static final long B = 0x0A00_0002L;
    static final long V6_HI = 0xFD00_0000_0000_0000L;

    private final PacketDecoder decoder = new PacketDecoder();
    private final DecodedPacket out = new DecodedPacket();

    private SkipReason decodeV4(int protocol, long src, long dst, byte[] transport) {
        return decoder.decode(raw(LinkType.RAW, ipv4(protocol, src, dst, transport)), out);
    }

    @Test
    void tcpFlagsWindowAndHeaderLength() {
        int allFlags = 0xFF;
        assertThat(decodeV4(DecodedPacket.TCP, A, B, tcp(65535, 1, allFlags, 1024, 40, 7))).isNull();
        assertThat(out.tcpFlags).isEqualTo(allFlags);
        assertThat(out.tcpWindow).isEqualTo(1024);
        assertThat(out.transportHeaderLength).isEqualTo(60);
        assertThat(out.payloadLength).isEqualTo(7);
        assertThat(out.srcPort).isEqualTo(65535);
        assertThat(decodeV4(DecodedPacket.TCP, A, B, tcp(5, 6, DecodedPacket.FIN | DecodedPacket.ACK, 0, 0, 0))).isNull();
        assertThat(out.tcpFlags).isEqualTo(DecodedPacket.FIN | DecodedPacket.ACK);
        assertThat(out.transportHeaderLength).isEqualTo(20);
    }

    @Test
    void tcpHeaderCutBySnaplenStillGivesItsFlow() {
        byte[] ip = ipv4(DecodedPacket.TCP, A, B, tcp(5, 6, DecodedPacket.SYN, 0, 20, 0));
        // cut inside the options: ports, flags and header length are all there
        assertThat(decoder.decode(raw(LinkType.RAW, ip, 50, ip.length), out)).isNull();
        assertThat(out.srcPort).isEqualTo(5);
        assertThat(out.dstPort).isEqualTo(6);
        assertThat(out.tcpFlags).isEqualTo(DecodedPacket.SYN);
        assertThat(out.transportHeaderLength).isEqualTo(40);
        assertThat(out.tcpCut).isZero();
        // cut inside the window (tcpdump -s 54 on "any"): flags there, the window unknown, not zero
        assertThat(decoder.decode(raw(LinkType.RAW, ip, 35, ip.length), out)).isNull();
        assertThat(out.tcpFlags).isEqualTo(DecodedPacket.SYN);
        assertThat(out.tcpCut).isEqualTo(DecodedPacket.CUT_WINDOW);
        assertThat(out.tcpWindowKnown()).isFalse();
        assertThat(out.tcpSeqKnown()).isTrue();
        // cut after the sequence number: ports only, flags unknown (0), minimum header length
        assertThat(decoder.decode(raw(LinkType.RAW, ip, 30, ip.length), out)).isNull();
        assertThat(out.srcPort).isEqualTo(5);
        assertThat(out.tcpFlags).isZero();
        assertThat(out.transportHeaderLength).isEqualTo(20);
        assertThat(out.tcpCut).isEqualTo(DecodedPacket.CUT_DATA_OFFSET | DecodedPacket.CUT_FLAGS
                | DecodedPacket.CUT_WINDOW | DecodedPacket.CUT_PAYLOAD);
        // cut inside the sequence number
        assertThat(decoder.decode(raw(LinkType.RAW, ip, 26, ip.length), out)).isNull();
        assertThat(out.tcpSeqKnown()).isFalse();
        // the next packet, whole, is marked whole again
        assertThat(decoder.decode(raw(LinkType.RAW, ip), out)).isNull();
        assertThat(out.tcpCut).isZero();
        // cut inside the ports: no flow
        assertThat(decoder.decode(raw(LinkType.RAW, ip, 23, ip.length), out)).isEqualTo(SkipReason.TRUNCATED);
    }

    /**
     * A pure ACK with Linux's 12 bytes of timestamp options (data offset 8: a 32-byte header, no
     * payload) and a segment with 100 bytes of data, built byte by byte, cut by the snaplen
     * before and after their data offset (byte 12 of the TCP header).
     */
    @Test
    void aDataOffsetCutByTheSnaplenLeavesThePayloadUnknown() {
        byte[] ack = ipv4(DecodedPacket.TCP, A, B, tcp(40000, 443, DecodedPacket.ACK, 501, 12, 0));
        byte[] data = ipv4(DecodedPacket.TCP, A, B, tcp(40000, 443, DecodedPacket.ACK | DecodedPacket.PSH, 501, 12, 100));
        // 20 bytes of IP header and 12 of TCP header: the data offset is the next byte.
        assertThat(decoder.decode(raw(LinkType.RAW, ack, 32, ack.length), out)).isNull();
        assertThat(out.payloadKnown()).isFalse();
        assertThat(out.tcpCut & DecodedPacket.CUT_PAYLOAD).isEqualTo(DecodedPacket.CUT_PAYLOAD);
        assertThat(out.payloadLength).as("not the 12 option bytes").isZero();
        assertThat(out.transportHeaderLength).as("the least a header can be").isEqualTo(20);
        assertThat(decoder.decode(raw(LinkType.RAW, data, 32, data.length), out)).isNull();
        assertThat(out.payloadKnown()).isFalse();
        assertThat(out.payloadLength).as("unknown, not 112").isZero();
        // One byte more and the data offset is there: the lengths are exact again.
        assertThat(decoder.decode(raw(LinkType.RAW, ack, 33, ack.length), out)).isNull();
        assertThat(out.payloadKnown()).isTrue();
        assertThat(out.tcpCut).isEqualTo(DecodedPacket.CUT_FLAGS | DecodedPacket.CUT_WINDOW);
        assertThat(out.transportHeaderLength).isEqualTo(32);
        assertThat(out.payloadLength).isZero();
        assertThat(decoder.decode(raw(LinkType.RAW, data, 33, data.length), out)).isNull();
        assertThat(out.payloadLength).isEqualTo(100);
        // The same over IPv6 (a 40-byte header), cut as tcpdump -s 64 cuts it on lo: 10 TCP bytes.
        byte[] ack6 = ipv6(DecodedPacket.TCP, V6_HI, 1, V6_HI, 2, tcp(40000, 443, DecodedPacket.ACK, 501, 12, 0));
        assertThat(decoder.decode(raw(LinkType.RAW, ack6, 50, ack6.length), out)).isNull();
        assertThat(out.payloadKnown()).isFalse();
        assertThat(out.payloadLength).isZero();
        // A whole packet after a cut one is known again.
        assertThat(decoder.decode(raw(LinkType.RAW, data), out)).isNull();
        assertThat(out.payloadKnown()).isTrue();
        assertThat(out.payloadLength).isEqualTo(100);
    }

    @Test
    void udpPortsAndLengths() {
        assertThat(decodeV4(DecodedPacket.UDP, A, B, PacketBuilder.udp(123, 124, 48))).isNull();
        assertThat(out.protocol).isEqualTo(DecodedPacket.UDP);
        assertThat(out.srcPort).isEqualTo(123);
        assertThat(out.dstPort).isEqualTo(124);
        assertThat(out.transportHeaderLength).isEqualTo(8);
        assertThat(out.payloadLength).isEqualTo(48);
        assertThat(out.tcpFlags).isZero();
        assertThat(out.tcpWindow).isZero();
        assertThat(out.icmpType).as("not ICMP").isEqualTo(-1);
        assertThat(out.icmpCode).isEqualTo(-1);
    }

    @ParameterizedTest(name = "ICMP request {0} and reply {1}")
    @CsvSource({"8, 0", "13, 14", "15, 16", "17, 18"})
    void icmpQueryReplyIsTheReverseTupleOfItsRequest(int requestType, int replyType) {
        assertThat(decodeV4(DecodedPacket.ICMP, A, B, icmp(requestType, 0, 0x1234, 56))).isNull();
        assertThat(out.protocol).isEqualTo(DecodedPacket.ICMP);
        assertThat(out.srcPort).isEqualTo(0x1234);
        assertThat(out.dstPort).isEqualTo(requestType);
        assertThat(out.transportHeaderLength).isEqualTo(8);
        assertThat(out.payloadLength).isEqualTo(56);
        assertThat(decodeV4(DecodedPacket.ICMP, B, A, icmp(replyType, 0, 0x1234, 56))).isNull();
        assertThat(out.srcPort).isEqualTo(requestType);
        assertThat(out.dstPort).isEqualTo(0x1234);
    }

    @Test
    void icmpv6EchoPairsLikeIcmpv4() {
        byte[] request = ipv6(DecodedPacket.ICMPV6, V6_HI, 1, V6_HI, 2, icmp(128, 0, 77, 16));
        assertThat(decoder.decode(raw(LinkType.RAW, request), out)).isNull();
        assertThat(out.protocol).isEqualTo(DecodedPacket.ICMPV6);
        assertThat(out.srcPort).isEqualTo(77);
        assertThat(out.dstPort).isEqualTo(128);
        byte[] reply = ipv6(DecodedPacket.ICMPV6, V6_HI, 2, V6_HI, 1, icmp(129, 0, 77, 16));
        assertThat(decoder.decode(raw(LinkType.RAW, reply), out)).isNull();
        assertThat(out.srcPort).isEqualTo(128);
        assertThat(out.dstPort).isEqualTo(77);
    }

    @Test
    void icmpErrorsAndOtherMessagesUseTypeAndCode() {
        // Port unreachable quoting the datagram that caused it.
        byte[] quoted = ipv4(DecodedPacket.UDP, B, A, udp(5000, 53, 0));
        byte[] unreachable = new PacketBuilder().u8(3).u8(3).u16(0).u32(0).bytes(quoted).build();
        assertThat(decodeV4(DecodedPacket.ICMP, A, B, unreachable)).isNull();
        assertThat(out.srcPort).isZero();
        assertThat(out.dstPort).isEqualTo(3 << 8 | 3);
        assertThat(out.icmpType).isEqualTo(3);
        assertThat(out.icmpCode).isEqualTo(3);
        assertThat(out.transportHeaderLength).isEqualTo(8);
        assertThat(out.payloadLength).isEqualTo(28);
        // An ICMPv6 neighbour solicitation.
        byte[] solicitation = ipv6(DecodedPacket.ICMPV6, V6_HI, 1, V6_HI, 2, icmp(135, 0, 0, 16));
        assertThat(decoder.decode(raw(LinkType.RAW, solicitation), out)).isNull();
        assertThat(out.srcPort).isZero();
        assertThat(out.dstPort).isEqualTo(135 << 8);
        assertThat(out.icmpType).isEqualTo(135);
        assertThat(out.icmpCode).isZero();
        // The next, non-ICMP packet decoded into the same object has no ICMP type left over.
        assertThat(decodeV4(DecodedPacket.UDP, A, B, PacketBuilder.udp(1, 2, 0))).isNull();
        assertThat(out.icmpType).isEqualTo(-1);
        // ICMPv4 type 128 is not an echo: the v6 numbering must not leak into v4.
        assertThat(decodeV4(DecodedPacket.ICMP, A, B, icmp(128, 1, 9, 0))).isNull();
        assertThat(out.dstPort).isEqualTo(128 << 8 | 1);
    }

    @Test
    void shortIcmpMessages() {
        byte[] fourBytes = {11, 0, 0, 0};
        assertThat(decodeV4(DecodedPacket.ICMP, A, B, fourBytes)).isNull();
        assertThat(out.dstPort).isEqualTo(11 << 8);
        assertThat(out.transportHeaderLength).isEqualTo(4);
        assertThat(out.payloadLength).isZero();
        byte[] echoWithoutIdentifier = {8, 0, 0, 0};
        assertThat(decodeV4(DecodedPacket.ICMP, A, B, echoWithoutIdentifier)).isEqualTo(SkipReason.MALFORMED);
        assertThat(decodeV4(DecodedPacket.ICMP, A, B, new byte[] {3, 1})).isEqualTo(SkipReason.MALFORMED);
        byte[] echo = ipv4(DecodedPacket.ICMP, A, B, icmp(8, 0, 1, 0));
        assertThat(decoder.decode(raw(LinkType.RAW, echo, 26, echo.length), out)).isEqualTo(SkipReason.TRUNCATED);
    }
}
