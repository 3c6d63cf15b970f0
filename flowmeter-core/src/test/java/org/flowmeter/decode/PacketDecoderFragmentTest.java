package org.flowmeter.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.decode.PacketBuilder.fragment6;
import static org.flowmeter.decode.PacketBuilder.icmp;
import static org.flowmeter.decode.PacketBuilder.ipv4;
import static org.flowmeter.decode.PacketBuilder.ipv6;
import static org.flowmeter.decode.PacketBuilder.raw;
import static org.flowmeter.decode.PacketBuilder.udp;

import java.util.Arrays;

import org.flowmeter.pcap.LinkType;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.api.Test;

class PacketDecoderFragmentTest {
    static final long A = 0xC0A8_0001L;
    static final long B = 0xC0A8_0002L;
    static final long V6_HI = 0x2001_0DB8_0000_0000L;
    static final int MORE = 0x2000;

    private final PacketDecoder decoder = new PacketDecoder();
    private final DecodedPacket out = new DecodedPacket();

    private SkipReason decodeAt(long nanos, byte[] ip) {
        RawPacket raw = raw(LinkType.RAW, ip);
        raw.timestampNanos = nanos;
        return decoder.decode(raw, out);
    }

    /** First fragment of a 3000-byte UDP datagram: UDP header plus 1472 bytes. */
    private static byte[] firstV4(int identification) {
        byte[] udp = Arrays.copyOf(udp(4444, 53, 2992), 1480);
        return ipv4(DecodedPacket.UDP, A, B, 0, identification, MORE, udp);
    }

    private static byte[] laterV4(int identification, int offsetUnits, boolean more, int size) {
        return ipv4(DecodedPacket.UDP, A, B, 0, identification, (more ? MORE : 0) | offsetUnits, new byte[size]);
    }

    @Test
    void laterIpv4FragmentsTakeThePortsOfTheFirst() {
        assertThat(decodeAt(0, firstV4(321))).isNull();
        assertThat(out.laterFragment).isFalse();
        assertThat(out.srcPort).isEqualTo(4444);
        assertThat(out.transportHeaderLength).isEqualTo(8);
        assertThat(out.payloadLength).isEqualTo(1472);

        assertThat(decodeAt(1_000, laterV4(321, 185, true, 1480))).isNull();
        assertThat(out.laterFragment).isTrue();
        assertThat(out.protocol).isEqualTo(DecodedPacket.UDP);
        assertThat(out.srcPort).isEqualTo(4444);
        assertThat(out.dstPort).isEqualTo(53);
        assertThat(out.transportHeaderLength).isZero();
        assertThat(out.payloadLength).isEqualTo(1480);
        assertThat(out.ipHeaderLength).isEqualTo(20);
        assertThat(out.ipTotalLength).isEqualTo(1500);
        assertThat(out.tcpFlags).isZero();

        assertThat(decodeAt(2_000, laterV4(321, 370, false, 40))).isNull();
        assertThat(out.payloadLength).isEqualTo(40);
        assertThat(decoder.decoded()).isEqualTo(3);
    }

    @Test
    void laterFragmentWithoutItsFirstIsUnmatched() {
        assertThat(decodeAt(0, laterV4(9, 185, false, 100))).isEqualTo(SkipReason.UNMATCHED_FRAGMENT);
        assertThat(decoder.skipped(SkipReason.UNMATCHED_FRAGMENT)).isEqualTo(1);
        // Same addresses but another identification, or another direction, do not match either.
        decodeAt(0, firstV4(10));
        assertThat(decodeAt(1, laterV4(11, 185, false, 100))).isEqualTo(SkipReason.UNMATCHED_FRAGMENT);
        byte[] reversed = ipv4(DecodedPacket.UDP, B, A, 0, 10, 185, new byte[100]);
        assertThat(decodeAt(1, reversed)).isEqualTo(SkipReason.UNMATCHED_FRAGMENT);
    }

    @Test
    void unfragmentedPacketsAreNotRemembered() {
        byte[] whole = ipv4(DecodedPacket.UDP, A, B, 0, 5, 0x4000, udp(1, 2, 10));
        assertThat(decodeAt(0, whole)).isNull();
        assertThat(decodeAt(1, laterV4(5, 185, false, 100))).isEqualTo(SkipReason.UNMATCHED_FRAGMENT);
    }

    @Test
    void entriesExpireAfterThirtySecondsOfPacketTime() {
        decodeAt(0, firstV4(1));
        assertThat(decodeAt(29_000_000_000L, laterV4(1, 185, true, 8))).isNull();
        // The later fragment refreshed the entry.
        assertThat(decodeAt(58_000_000_000L, laterV4(1, 186, true, 8))).isNull();
        assertThat(decodeAt(88_000_000_001L, laterV4(1, 187, false, 8))).isEqualTo(SkipReason.UNMATCHED_FRAGMENT);
    }

    @Test
    void tableIsBoundedAndOverwritesTheOldest() {
        PacketDecoder small = new PacketDecoder(16);
        for (int id = 0; id < 1000; id++) {
            RawPacket raw = raw(LinkType.RAW, firstV4(id));
            raw.timestampNanos = id;
            assertThat(small.decode(raw, out)).isNull();
        }
        RawPacket newest = raw(LinkType.RAW, laterV4(999, 185, false, 8));
        newest.timestampNanos = 1000;
        assertThat(small.decode(newest, out)).isNull();
        RawPacket oldest = raw(LinkType.RAW, laterV4(0, 185, false, 8));
        oldest.timestampNanos = 1000;
        assertThat(small.decode(oldest, out)).isEqualTo(SkipReason.UNMATCHED_FRAGMENT);
    }

    @Test
    void icmpFragmentsKeepTheEchoKey() {
        byte[] echo = Arrays.copyOf(icmp(8, 0, 0x77, 2000), 1480);
        assertThat(decodeAt(0, ipv4(DecodedPacket.ICMP, A, B, 0, 42, MORE, echo))).isNull();
        assertThat(decodeAt(1, ipv4(DecodedPacket.ICMP, A, B, 0, 42, 185, new byte[528]))).isNull();
        assertThat(out.protocol).isEqualTo(DecodedPacket.ICMP);
        assertThat(out.srcPort).isEqualTo(0x77);
        assertThat(out.dstPort).isEqualTo(8);
    }

    @Test
    void ipv6FragmentHeaders() {
        byte[] udp = Arrays.copyOf(udp(7000, 7001, 3000), 1232);
        byte[] first = ipv6(44, V6_HI, 1, V6_HI, 2, fragment6(DecodedPacket.UDP, 0, true, 0xDEADBEEFL, udp));
        assertThat(decodeAt(0, first)).isNull();
        assertThat(out.ipHeaderLength).isEqualTo(48);
        assertThat(out.payloadLength).isEqualTo(1224);
        assertThat(out.laterFragment).isFalse();

        byte[] later = ipv6(44, V6_HI, 1, V6_HI, 2, fragment6(DecodedPacket.UDP, 154, false, 0xDEADBEEFL, new byte[1776]));
        assertThat(decodeAt(1, later)).isNull();
        assertThat(out.laterFragment).isTrue();
        assertThat(out.protocol).isEqualTo(DecodedPacket.UDP);
        assertThat(out.srcPort).isEqualTo(7000);
        assertThat(out.dstPort).isEqualTo(7001);
        assertThat(out.ipHeaderLength).isEqualTo(48);
        assertThat(out.transportHeaderLength).isZero();
        assertThat(out.payloadLength).isEqualTo(1776);
        assertThat(out.ipTotalLength).isEqualTo(40 + 8 + 1776);

        byte[] stranger = ipv6(44, V6_HI, 1, V6_HI, 2, fragment6(DecodedPacket.UDP, 154, false, 1, new byte[8]));
        assertThat(decodeAt(2, stranger)).isEqualTo(SkipReason.UNMATCHED_FRAGMENT);
    }

    /** A SYN whose first fragment holds only ports and sequence number (8 bytes), the rest after. */
    @Test
    void aTinyFirstFragmentStillJoinsItsFlowAndTheNextOneGivesTheFlags() {
        byte[] syn = PacketBuilder.tcp(6666, 80, DecodedPacket.SYN, 8192, 4, 0);
        assertThat(decodeAt(0, ipv4(DecodedPacket.TCP, A, B, 0, 77, MORE, Arrays.copyOf(syn, 8)))).isNull();
        assertThat(out.protocol).isEqualTo(DecodedPacket.TCP);
        assertThat(out.srcPort).isEqualTo(6666);
        assertThat(out.dstPort).isEqualTo(80);
        assertThat(out.tcpFlags).isZero();
        assertThat(out.tcpCut).as("only the sequence number is here")
                .isEqualTo(DecodedPacket.CUT_DATA_OFFSET | DecodedPacket.CUT_FLAGS | DecodedPacket.CUT_WINDOW);
        assertThat(out.transportHeaderLength).isEqualTo(8);
        assertThat(out.payloadLength).isZero();

        assertThat(decodeAt(1, ipv4(DecodedPacket.TCP, A, B, 0, 77, 1, Arrays.copyOfRange(syn, 8, syn.length)))).isNull();
        assertThat(out.laterFragment).isTrue();
        assertThat(out.srcPort).isEqualTo(6666);
        assertThat(out.tcpFlags).isEqualTo(DecodedPacket.SYN);
        assertThat(out.tcpWindow).isEqualTo(8192);
        assertThat(out.tcpCut).as("the sequence number was in the first fragment").isEqualTo(DecodedPacket.CUT_SEQ);
        // 24-byte header (4 bytes of options): 16 of its bytes are in this fragment.
        assertThat(out.transportHeaderLength).isEqualTo(16);
        assertThat(out.payloadLength).isZero();
    }

    /**
     * The same tiny first fragment, then a second fragment the snaplen cut after 3 of its bytes:
     * its data offset (TCP byte 12, its byte 4) is in the fragment but not in the capture.
     */
    @Test
    void aDataOffsetInALaterFragmentCutByTheSnaplenLeavesThePayloadUnknown() {
        byte[] data = PacketBuilder.tcp(6666, 80, DecodedPacket.ACK, 8192, 12, 100);
        assertThat(decodeAt(0, ipv4(DecodedPacket.TCP, A, B, 0, 79, MORE, Arrays.copyOf(data, 8)))).isNull();
        assertThat(out.payloadKnown()).as("the data offset is in the next fragment, not cut").isTrue();
        byte[] rest = ipv4(DecodedPacket.TCP, A, B, 0, 79, 1, Arrays.copyOfRange(data, 8, data.length));
        RawPacket cut = raw(LinkType.RAW, rest, 20 + 3, rest.length);
        cut.timestampNanos = 1;
        assertThat(decoder.decode(cut, out)).isNull();
        assertThat(out.srcPort).isEqualTo(6666);
        assertThat(out.payloadKnown()).isFalse();
        assertThat(out.payloadLength).as("unknown, not 112").isZero();
        assertThat(out.transportHeaderLength).as("the 20-byte minimum less the first fragment's 8").isEqualTo(12);
        // The whole second fragment: 24 header bytes (12 of options) and the 100 of data.
        assertThat(decodeAt(2, ipv4(DecodedPacket.TCP, A, B, 0, 79, MORE, Arrays.copyOf(data, 8)))).isNull();
        assertThat(decodeAt(3, rest)).isNull();
        assertThat(out.payloadKnown()).isTrue();
        assertThat(out.transportHeaderLength).isEqualTo(24);
        assertThat(out.payloadLength).isEqualTo(100);
    }

    @Test
    void aFirstFragmentEndingAfterTheFlagsGivesThemAtOnce() {
        byte[] ack = PacketBuilder.tcp(1, 2, DecodedPacket.ACK, 77, 0, 40);
        assertThat(decodeAt(0, ipv4(DecodedPacket.TCP, A, B, 0, 78, MORE, Arrays.copyOf(ack, 16)))).isNull();
        assertThat(out.tcpFlags).isEqualTo(DecodedPacket.ACK);
        assertThat(out.tcpWindow).isEqualTo(77);
        assertThat(out.transportHeaderLength).isEqualTo(16);
        assertThat(decodeAt(1, ipv4(DecodedPacket.TCP, A, B, 0, 78, 2, Arrays.copyOfRange(ack, 16, ack.length))))
                .isNull();
        assertThat(out.transportHeaderLength).isEqualTo(4);
        assertThat(out.payloadLength).isEqualTo(40);
        assertThat(out.tcpWindow).as("cut, not zero").isZero();
        assertThat(out.tcpWindowKnown()).isFalse();
    }

    @Test
    void anUnfragmentedTcpPacketShorterThanItsHeaderIsStillMalformed() {
        byte[] syn = PacketBuilder.tcp(6666, 80, DecodedPacket.SYN, 8192, 0, 0);
        assertThat(decodeAt(0, ipv4(DecodedPacket.TCP, A, B, Arrays.copyOf(syn, 8)))).isEqualTo(SkipReason.MALFORMED);
    }

    @Test
    void laterFragmentsOfProtocolsWithoutPortsNeedNoFirstFragment() {
        assertThat(decodeAt(0, ipv4(50, A, B, 0, 5, 100, new byte[64]))).isNull();
        assertThat(out.protocol).isEqualTo(50);
        assertThat(out.laterFragment).isTrue();
        assertThat(out.payloadLength).isEqualTo(64);
    }
    /**
     * RA guard evasion (flood_router26 -F): the first fragment holds only extension headers (a
     * destination options header of 32 bytes naming ICMPv6), the router advertisement follows in
     * the next fragment. Both are one ICMPv6 flow with ports unknown; before, the first was
     * malformed and the later one a flow of protocol 60.
     */
    @Test
    void aFirstFragmentOfExtensionHeadersOnlyIsAFlowOfTheProtocolItNamesAndItsLaterFragmentsJoinIt() {
        byte[] options = PacketBuilder.extension(DecodedPacket.ICMPV6, 32, new byte[0]);
        byte[] first = ipv6(44, 0xFE80_0000_0000_0000L, 5, 0xFF02_0000_0000_0000L, 1, fragment6(60, 0, true, 0x6B16L, options));
        assertThat(decodeAt(0, first)).isNull();
        assertThat(out.protocol).isEqualTo(DecodedPacket.ICMPV6);
        assertThat(out.srcPort).isZero();
        assertThat(out.dstPort).isZero();
        assertThat(out.ipHeaderLength).isEqualTo(40 + 8 + 32);
        assertThat(out.payloadLength).isZero();
        assertThat(out.laterFragment).isFalse();

        byte[] advertisement = Arrays.copyOf(icmp(134, 0, 0, 56), 64);
        byte[] later = ipv6(44, 0xFE80_0000_0000_0000L, 5, 0xFF02_0000_0000_0000L, 1,
                fragment6(60, 4, false, 0x6B16L, advertisement));
        assertThat(decodeAt(1, later)).isNull();
        assertThat(out.laterFragment).isTrue();
        assertThat(out.protocol).isEqualTo(DecodedPacket.ICMPV6);
        assertThat(out.srcPort).isZero();
        assertThat(out.dstPort).isZero();
        assertThat(out.payloadLength).isEqualTo(64);

        byte[] stranger = ipv6(44, 0xFE80_0000_0000_0000L, 6, 0xFF02_0000_0000_0000L, 1,
                fragment6(60, 4, false, 0x6B16L, advertisement));
        assertThat(decodeAt(2, stranger)).isNull();
        assertThat(out.protocol).isEqualTo(60);
    }

    /** A header chain that ends exactly where an unfragmented packet ends is still malformed. */
    @Test
    void anUnfragmentedPacketWhoseHeadersNameAMissingHeaderIsStillMalformed() {
        byte[] options = PacketBuilder.extension(DecodedPacket.ICMPV6, 32, new byte[0]);
        assertThat(decodeAt(0, ipv6(60, V6_HI, 1, V6_HI, 2, options))).isEqualTo(SkipReason.MALFORMED);
    }
}
