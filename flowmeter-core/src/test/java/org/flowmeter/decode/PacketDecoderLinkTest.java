package org.flowmeter.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.decode.PacketBuilder.ETH_IPV4;
import static org.flowmeter.decode.PacketBuilder.ETH_IPV6;
import static org.flowmeter.decode.PacketBuilder.bsdNull;
import static org.flowmeter.decode.PacketBuilder.ethernet;
import static org.flowmeter.decode.PacketBuilder.ipv4;
import static org.flowmeter.decode.PacketBuilder.ipv6;
import static org.flowmeter.decode.PacketBuilder.raw;
import static org.flowmeter.decode.PacketBuilder.sll;
import static org.flowmeter.decode.PacketBuilder.sll2;
import static org.flowmeter.decode.PacketBuilder.tcp;
import static org.flowmeter.decode.PacketBuilder.udp;

import java.util.Arrays;

import org.flowmeter.pcap.LinkType;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacketDecoderLinkTest {
    static final long SRC4 = 0x0A00_0001L;        // 10.0.0.1
    static final long DST4 = 0xC0A8_0102L;        // 192.168.1.2
    static final long V6_HI = 0x2001_0DB8_0000_0000L;

    static final byte[] TCP_V4 = ipv4(DecodedPacket.TCP, SRC4, DST4, tcp(40000, 443, DecodedPacket.SYN, 64240, 0, 0));
    static final byte[] UDP_V6 = ipv6(DecodedPacket.UDP, V6_HI, 1, V6_HI, 2, udp(5353, 53, 30));

    private final PacketDecoder decoder = new PacketDecoder();
    private final DecodedPacket out = new DecodedPacket();

    private void assertTcpV4(RawPacket raw) {
        assertThat(decoder.decode(raw, out)).isNull();
        assertThat(out.ipVersion).isEqualTo(4);
        assertThat(out.srcLo).isEqualTo(SRC4);
        assertThat(out.dstLo).isEqualTo(DST4);
        assertThat(out.protocol).isEqualTo(DecodedPacket.TCP);
        assertThat(out.srcPort).isEqualTo(40000);
        assertThat(out.dstPort).isEqualTo(443);
        assertThat(out.wireLength).isEqualTo(raw.originalLength);
        assertThat(out.timestampNanos).isEqualTo(raw.timestampNanos);
    }

    private void assertUdpV6(RawPacket raw) {
        assertThat(decoder.decode(raw, out)).isNull();
        assertThat(out.ipVersion).isEqualTo(6);
        assertThat(out.srcHi).isEqualTo(V6_HI);
        assertThat(out.srcLo).isEqualTo(1);
        assertThat(out.dstLo).isEqualTo(2);
        assertThat(out.protocol).isEqualTo(DecodedPacket.UDP);
        assertThat(out.payloadLength).isEqualTo(30);
    }

    @Test
    void ethernetII() {
        assertTcpV4(raw(LinkType.ETHERNET, ethernet(ETH_IPV4, TCP_V4)));
        assertUdpV6(raw(LinkType.ETHERNET, ethernet(ETH_IPV6, UDP_V6)));
        assertThat(out.wireLength).isEqualTo(14 + 40 + 8 + 30);
    }

    @Test
    void stackedVlanTagsOfEveryKind() {
        assertTcpV4(raw(LinkType.ETHERNET, ethernet(ETH_IPV4, TCP_V4, 0x8100)));
        assertTcpV4(raw(LinkType.ETHERNET, ethernet(ETH_IPV4, TCP_V4, 0x88A8, 0x8100)));
        assertUdpV6(raw(LinkType.ETHERNET, ethernet(ETH_IPV6, UDP_V6, 0x9100, 0x88A8, 0x8100, 0x8100)));
    }

    @Test
    void vlanIdsArePartOfTheKeyUnlessIgnored() {
        byte[] untagged = ethernet(ETH_IPV4, TCP_V4);
        byte[] oneTag = ethernet(ETH_IPV4, TCP_V4, 0x8100);             // id 100
        byte[] twoTags = ethernet(ETH_IPV4, TCP_V4, 0x88A8, 0x8100);    // ids 100, 101
        oneTag[14] = (byte) 0xE0;                                       // priority bits are not the id
        assertThat(decoder.decode(raw(LinkType.ETHERNET, untagged), out)).isNull();
        assertThat(out.vlan).isZero();
        assertThat(decoder.decode(raw(LinkType.ETHERNET, oneTag), out)).isNull();
        assertThat(out.vlan).isEqualTo(100);
        assertThat(decoder.decode(raw(LinkType.ETHERNET, twoTags), out)).isNull();
        assertThat(out.vlan).isEqualTo(100 << 12 | 101);
        decoder.setVlanInKey(false);
        assertThat(decoder.decode(raw(LinkType.ETHERNET, twoTags), out)).isNull();
        assertThat(out.vlan).isZero();
    }

    @Test
    void mplsLabelStacksThenIpByItsFirstNibble() {
        byte[] twoLabels = {0x00, 0x06, 0x40, 0x40, 0x00, 0x0C, (byte) 0x81, 0x40};
        byte[] frame = ethernet(0x8847, concat(twoLabels, TCP_V4));
        assertTcpV4(raw(LinkType.ETHERNET, frame));
        byte[] oneLabel = {0x00, 0x01, 0x21, 0x40};
        assertUdpV6(raw(LinkType.ETHERNET, ethernet(0x8848, concat(oneLabel, UDP_V6))));
        byte[] pseudowire = {0x00, 0x01, 0x21, 0x40, 0x00, 0x00, 0x00, 0x00};
        assertThat(decoder.decode(raw(LinkType.ETHERNET, ethernet(0x8847, pseudowire)), out))
                .isEqualTo(SkipReason.NON_IP);
        byte[] noBottom = new byte[4 * (LinkLayer.MAX_MPLS_LABELS + 1)];
        assertThat(decoder.decode(raw(LinkType.ETHERNET, ethernet(0x8847, noBottom)), out))
                .isEqualTo(SkipReason.MALFORMED);
        assertThat(decoder.decode(raw(LinkType.ETHERNET, ethernet(0x8847, new byte[3])), out))
                .isEqualTo(SkipReason.TRUNCATED);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Test
    void vlanTagCutShortIsTruncated() {
        byte[] frame = ethernet(ETH_IPV4, TCP_V4, 0x8100);
        assertThat(decoder.decode(raw(LinkType.ETHERNET, frame, 16, frame.length), out)).isEqualTo(SkipReason.TRUNCATED);
    }

    @Test
    void llcArpAndLldpAreNonIp() {
        assertThat(decoder.decode(raw(LinkType.ETHERNET, ethernet(46, new byte[46])), out)).isEqualTo(SkipReason.NON_IP);
        assertThat(decoder.decode(raw(LinkType.ETHERNET, ethernet(0x0806, new byte[28])), out)).isEqualTo(SkipReason.NON_IP);
        assertThat(decoder.decode(raw(LinkType.ETHERNET, ethernet(0x88CC, new byte[40], 0x8100)), out))
                .isEqualTo(SkipReason.NON_IP);
        assertThat(decoder.skipped(SkipReason.NON_IP)).isEqualTo(3);
    }

    @Test
    void linuxCookedV1() {
        assertTcpV4(raw(LinkType.LINUX_SLL, sll(ETH_IPV4, TCP_V4)));
        assertUdpV6(raw(LinkType.LINUX_SLL, sll(ETH_IPV6, UDP_V6)));
        assertThat(decoder.decode(raw(LinkType.LINUX_SLL, sll(0x0806, new byte[28])), out)).isEqualTo(SkipReason.NON_IP);
    }

    @Test
    void linuxCookedV2() {
        assertTcpV4(raw(LinkType.LINUX_SLL2, sll2(ETH_IPV4, TCP_V4)));
        assertUdpV6(raw(LinkType.LINUX_SLL2, sll2(ETH_IPV6, UDP_V6)));
        assertThat(decoder.decode(raw(LinkType.LINUX_SLL2, sll2(0x0806, new byte[28])), out)).isEqualTo(SkipReason.NON_IP);
    }

    @ParameterizedTest
    @ValueSource(ints = {LinkType.RAW, LinkType.RAW_OPENBSD, LinkType.RAW_BSDOS})
    void rawIpTakesTheVersionFromTheFirstNibble(int linkType) {
        assertTcpV4(raw(linkType, TCP_V4));
        assertUdpV6(raw(linkType, UDP_V6));
        assertThat(decoder.decode(raw(linkType, new byte[] {0x50, 0, 0, 0}), out)).isEqualTo(SkipReason.MALFORMED);
    }

    @Test
    void versionSpecificRawLinkTypes() {
        assertTcpV4(raw(LinkType.IPV4, TCP_V4));
        assertUdpV6(raw(LinkType.IPV6, UDP_V6));
        assertThat(decoder.decode(raw(LinkType.IPV4, UDP_V6), out)).isEqualTo(SkipReason.MALFORMED);
        assertThat(decoder.decode(raw(LinkType.IPV6, TCP_V4), out)).isEqualTo(SkipReason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void bsdNullInEitherByteOrder(boolean littleEndian) {
        assertTcpV4(raw(LinkType.NULL, bsdNull(2, littleEndian, TCP_V4)));
        for (int family : new int[] {24, 28, 30}) {
            assertUdpV6(raw(LinkType.NULL, bsdNull(family, littleEndian, UDP_V6)));
        }
        assertThat(decoder.decode(raw(LinkType.NULL, bsdNull(7, littleEndian, TCP_V4)), out)).isEqualTo(SkipReason.NON_IP);
    }

    @Test
    void openBsdLoopIsNetworkOrder() {
        assertTcpV4(raw(LinkType.LOOP, bsdNull(2, false, TCP_V4)));
        assertUdpV6(raw(LinkType.LOOP, bsdNull(24, false, UDP_V6)));
        assertThat(decoder.decode(raw(LinkType.LOOP, bsdNull(2, true, TCP_V4)), out)).isEqualTo(SkipReason.NON_IP);
    }

    @Test
    void unknownLinkType() {
        assertThat(decoder.decode(raw(147, TCP_V4), out)).isEqualTo(SkipReason.UNSUPPORTED_LINK_TYPE);
        assertThat(decoder.skipped(SkipReason.UNSUPPORTED_LINK_TYPE)).isEqualTo(1);
        assertThat(decoder.skippedTotal()).isEqualTo(1);
        assertThat(decoder.decoded()).isZero();
        decoder.decode(raw(23, TCP_V4), out);
        decoder.decode(raw(147, TCP_V4), out);
        assertThat(decoder.describeSkipped(SkipReason.UNSUPPORTED_LINK_TYPE))
                .isEqualTo("unsupported link type 147: 2, unsupported link type 23: 1");
    }

    @Test
    void emptyOrInconsistentBuffersAreSkippedNotThrown() {
        RawPacket raw = new RawPacket();
        raw.set(null, 0, 10, 10, 0, LinkType.ETHERNET, 0);
        assertThat(decoder.decode(raw, out)).isEqualTo(SkipReason.TRUNCATED);
        raw.set(new byte[4], 9, 10, 10, 0, LinkType.ETHERNET, 0);
        assertThat(decoder.decode(raw, out)).isEqualTo(SkipReason.TRUNCATED);
        raw.set(TCP_V4, 0, 1000, 1000, 0, LinkType.RAW, 0);
        assertThat(decoder.decode(raw, out)).isNull();
        raw.set(TCP_V4, 0, -1, 1000, 0, LinkType.RAW, 0);
        assertThat(decoder.decode(raw, out)).isEqualTo(SkipReason.TRUNCATED);
    }
}
