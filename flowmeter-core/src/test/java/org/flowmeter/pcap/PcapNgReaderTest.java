package org.flowmeter.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.List;
import org.flowmeter.pcap.Packets.Copy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PcapNgReaderTest {
    private static final long SECONDS = 1_700_000_000L;
    private static final byte[] A = PcapWriter.payload(60, 1);
    private static final byte[] B = PcapWriter.payload(61, 2);
    private static final byte[] C = PcapWriter.payload(62, 3);

    @ParameterizedTest
    @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void readsTwoInterfacesWithTheirOwnLinkTypeAndResolution(String orderName) throws IOException {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        PcapNgWriter w = new PcapNgWriter().section(order)
                .iface(LinkType.ETHERNET, 0, 6, 0)
                .iface(LinkType.RAW, 0, 9, 0);
        int firstPacket = w.size();
        w.epb(0, SECONDS * 1_000_000 + 123_456, A, 60);
        int secondPacket = w.size();
        w.epb(1, SECONDS * 1_000_000_000 + 123_456_789, B, 1500);
        byte[] capture = w.bytes();

        PcapNgReader reader = new PcapNgReader(new ByteArrayInputStream(capture), "x.pcapng");
        assertThat(Packets.readAll(reader)).containsExactly(
                new Copy(A, 60, SECONDS * 1_000_000_000 + 123_456_000, LinkType.ETHERNET, firstPacket),
                new Copy(B, 1500, SECONDS * 1_000_000_000 + 123_456_789, LinkType.RAW, secondPacket));
        assertThat(reader.bytesRead()).isEqualTo(capture.length);
    }

    @Test
    void defaultsToMicrosecondsAndAppliesTheSecondsOffset() throws IOException {
        byte[] capture = new PcapNgWriter().section(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkType.ETHERNET, 0, -1, 100)
                .epb(0, 5_000_001, A, 60).bytes();
        assertThat(Packets.readBytes(capture).get(0).timestampNanos()).isEqualTo(105_000_001_000L);
    }

    @Test
    void convertsBinaryAndSubNanosecondResolutionsExactly() throws IOException {
        long ticks2 = (SECONDS << 20) + (1 << 19); // 2^-20 s units, plus half a second
        long ticksPico = 5_000_000L * 1_000_000_000_000L + 123_456_789_999L; // 10^-12 s units, near 2^62
        byte[] capture = new PcapNgWriter().section(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkType.ETHERNET, 0, 0x80 | 20, 0)
                .iface(LinkType.ETHERNET, 0, 12, 0)
                .epb(0, ticks2, A, 60)
                .epb(1, ticksPico, A, 60).bytes();
        assertThat(Packets.readBytes(capture)).extracting(Copy::timestampNanos)
                .containsExactly(SECONDS * 1_000_000_000 + 500_000_000, 5_000_000L * 1_000_000_000 + 123_456_789);
    }

    @Test
    void timestampScaleHandlesTheFullTickRange() {
        assertThat(TimestampScale.decimal(9).toNanos(-1L)).isEqualTo(-1L); // wraps like the tick count
        assertThat(TimestampScale.decimal(6).toNanos(Long.MAX_VALUE))
                .isEqualTo(Long.MAX_VALUE / 1_000_000 * 1_000_000_000 + Long.MAX_VALUE % 1_000_000 * 1000);
        assertThat(TimestampScale.binary(32).toNanos((3L << 32) + (1L << 30))).isEqualTo(3_250_000_000L);
        assertThat(TimestampScale.fromOption(0x80 | 63)).isNull();
        assertThat(TimestampScale.fromOption(19)).isNull();
    }

    @Test
    void simplePacketsUseInterfaceZeroAndThePreviousTimestamp() throws IOException {
        PcapNgWriter w = new PcapNgWriter().section(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkType.LINUX_SLL, 64, 9, 0)
                .iface(LinkType.RAW, 0, 9, 0)
                .epb(1, 42, A, 60);
        int simple = w.size();
        w.spb(PcapWriter.payload(64, 9), 1000);
        int shortSimple = w.size();
        w.spb(PcapWriter.payload(7, 10), 7);
        List<Copy> packets = Packets.readBytes(w.bytes());
        assertThat(packets).hasSize(3);
        assertThat(packets.get(1)).isEqualTo(new Copy(PcapWriter.payload(64, 9), 1000, 42, LinkType.LINUX_SLL, simple));
        assertThat(packets.get(2)).isEqualTo(new Copy(PcapWriter.payload(7, 10), 7, 42, LinkType.LINUX_SLL, shortSimple));
    }

    @Test
    void readsObsoletePacketBlocks() throws IOException {
        byte[] capture = new PcapNgWriter().section(ByteOrder.BIG_ENDIAN)
                .iface(LinkType.ETHERNET, 0, 9, 0)
                .iface(LinkType.RAW, 0, 9, 0)
                .obsoletePacket(1, 77, C, 62).bytes();
        assertThat(Packets.readBytes(capture)).containsExactly(new Copy(C, 62, 77, LinkType.RAW, 28 + 2 * 40));
    }

    @Test
    void newSectionResetsInterfacesAndMayChangeByteOrder() throws IOException {
        PcapNgWriter w = new PcapNgWriter().section(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkType.ETHERNET, 0, 9, 0)
                .iface(LinkType.ETHERNET, 0, 9, 0)
                .epb(1, 1, A, 60)
                .section(ByteOrder.BIG_ENDIAN)
                .iface(LinkType.RAW, 0, 9, 0)
                .epb(0, 2, B, 61);
        int bad = w.size();
        w.epb(1, 3, C, 62);
        List<Copy> read = new java.util.ArrayList<>();
        assertThatThrownBy(() -> Packets.readAll(Captures.open(new ByteArrayInputStream(w.bytes()), "s"), read))
                .isInstanceOfSatisfying(CaptureFormatException.class, e -> {
                    assertThat(e.offset()).isEqualTo(bad);
                    assertThat(e.reason()).startsWith("interface id 1 out of range");
                });
        assertThat(read).extracting(Copy::linkType).containsExactly(LinkType.ETHERNET, LinkType.RAW);
        assertThat(read).extracting(Copy::timestampNanos).containsExactly(1L, 2L);
    }

    @Test
    void skipsUnknownBlocks() throws IOException {
        byte[] capture = new PcapNgWriter().section(ByteOrder.LITTLE_ENDIAN)
                .block(5, new byte[20]) // interface statistics
                .iface(LinkType.ETHERNET, 0, 9, 0)
                .block(0x0BAD, PcapWriter.payload(33, 4))
                .epb(0, 9, A, 60)
                .block(4, new byte[8]) // name resolution
                .bytes();
        assertThat(Packets.readBytes(capture)).extracting(Copy::timestampNanos).containsExactly(9L);
    }

    @Test
    void skipsUnknownBlocksLargerThanTheParseLimit() throws IOException {
        byte[] capture = new PcapNgWriter().section(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkType.ETHERNET, 0, 9, 0)
                .block(0x0BAD, new byte[PcapNgReader.MAX_BLOCK_LENGTH + 4])
                .epb(0, 9, A, 60)
                .bytes();
        assertThat(Packets.readBytes(capture)).extracting(Copy::timestampNanos).containsExactly(9L);
    }

    @Test
    void rejectsBlockLengthNotMultipleOfFour() {
        PcapNgWriter w = new PcapNgWriter().section(ByteOrder.LITTLE_ENDIAN);
        int at = w.size();
        w.rawBlock(0x0BAD, 18, new byte[8], 18);
        assertThatThrownBy(() -> Packets.readBytes(w.bytes()))
                .isInstanceOfSatisfying(CaptureFormatException.class, e -> {
                    assertThat(e.offset()).isEqualTo(at);
                    assertThat(e.reason()).contains("block length 18");
                });
    }

    @Test
    void rejectsTrailerDifferentFromHeaderLength() {
        PcapNgWriter w = new PcapNgWriter().section(ByteOrder.LITTLE_ENDIAN);
        int at = w.size();
        w.rawBlock(0x0BAD, 20, new byte[8], 24);
        assertThatThrownBy(() -> Packets.readBytes(w.bytes()))
                .isInstanceOfSatisfying(CaptureFormatException.class, e -> {
                    assertThat(e.offset()).isEqualTo(at);
                    assertThat(e.reason()).contains("trailer length 24 differs from header length 20");
                });
    }

    @Test
    void rejectsPacketBeforeAnyInterface() {
        byte[] capture = new PcapNgWriter().section(ByteOrder.LITTLE_ENDIAN).epb(0, 1, A, 60).bytes();
        assertThatThrownBy(() -> Packets.readBytes(capture))
                .isInstanceOfSatisfying(CaptureFormatException.class,
                        e -> assertThat(e.reason()).startsWith("interface id 0 out of range"));
    }

    @Test
    void rejectsBadByteOrderMagic() {
        byte[] capture = new PcapNgWriter().section(ByteOrder.LITTLE_ENDIAN).bytes();
        capture[8] = 0x55;
        assertThatThrownBy(() -> Packets.readBytes(capture))
                .isInstanceOfSatisfying(CaptureFormatException.class, e -> {
                    assertThat(e.offset()).isEqualTo(8);
                    assertThat(e.reason()).startsWith("bad byte-order magic");
                });
    }

    @Test
    void rejectsCapturedLengthBeyondTheBlock() {
        byte[] capture = new PcapNgWriter().section(ByteOrder.LITTLE_ENDIAN)
                .iface(LinkType.ETHERNET, 0, 9, 0).epb(0, 1, A, 60).bytes();
        int capturedLengthField = 28 + 40 + 20;
        capture[capturedLengthField + 1] = 1; // 60 + 256
        assertThatThrownBy(() -> Packets.readBytes(capture))
                .isInstanceOfSatisfying(CaptureFormatException.class,
                        e -> assertThat(e.reason()).startsWith("captured length 316 exceeds block length"));
    }

    /** As in classic pcap: tshark reads such blocks, and so do we, counting them. */
    @Test
    void readsPacketBlocksWhoseOriginalLengthIsBelowTheCapturedOrAbsurd() throws IOException {
        byte[] data = PcapWriter.payload(20, 4);
        byte[] capture = new PcapNgWriter().section(ByteOrder.BIG_ENDIAN).iface(LinkType.RAW, 0, 9, 0)
                .epb(0, 1, data, 19)
                .epb(0, 2, data, 0x8000_0000)
                .spb(data, 0xFFFF_FFFF)
                .epb(0, 3, data, 20).bytes();
        try (PacketSource source = Captures.open(new ByteArrayInputStream(capture), "lengths.pcapng")) {
            List<Packets.Copy> read = Packets.readAll(source);
            assertThat(read).extracting(Packets.Copy::originalLength).containsExactly(20, 20, 20, 20);
            assertThat(read).extracting(Packets.Copy::timestampNanos).containsExactly(1L, 2L, 2L, 3L);
            assertThat(source.inconsistentLengths()).isEqualTo(3);
        }
    }
}
