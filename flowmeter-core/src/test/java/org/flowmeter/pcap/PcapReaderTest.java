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
import org.junit.jupiter.params.provider.CsvSource;

class PcapReaderTest {
    private static final long T0 = 1_700_000_000_123_456_789L;

    @ParameterizedTest
    @CsvSource({"LITTLE_ENDIAN,false", "LITTLE_ENDIAN,true", "BIG_ENDIAN,false", "BIG_ENDIAN,true"})
    void readsBothByteOrdersAndResolutions(String orderName, boolean nanos) throws IOException {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] capture = new PcapWriter(order, nanos, LinkType.RAW, 65535)
                .packet(T0, PcapWriter.payload(60, 1))
                .packet(T0 + 1_000, PcapWriter.payload(1514, 2))
                .bytes();

        PcapReader reader = new PcapReader(new ByteArrayInputStream(capture), "x.pcap");
        assertThat(reader.isBigEndian()).isEqualTo(order == ByteOrder.BIG_ENDIAN);
        assertThat(reader.isNanosecond()).isEqualTo(nanos);
        assertThat(reader.linkType()).isEqualTo(LinkType.RAW);
        List<Copy> packets = Packets.readAll(reader);

        long first = nanos ? T0 : T0 - 789;
        long second = nanos ? T0 + 1_000 : T0 + 1_000 - 789;
        assertThat(packets).containsExactly(
                new Copy(PcapWriter.payload(60, 1), 60, first, LinkType.RAW, 24),
                new Copy(PcapWriter.payload(1514, 2), 1514, second, LinkType.RAW, 24 + 16 + 60));
        assertThat(reader.bytesRead()).isEqualTo(capture.length);
        assertThat(reader.totalBytes()).isEqualTo(-1);
    }

    @Test
    void masksFcsBitsOutOfTheLinkType() throws IOException {
        int withFcs = 0x1000_0000 | (4 << 28) | LinkType.ETHERNET; // "FCS present, 4 bytes" flag bits
        byte[] capture = new PcapWriter(ByteOrder.LITTLE_ENDIAN, false, withFcs, 65535)
                .packet(T0, PcapWriter.payload(64, 3)).bytes();
        assertThat(Packets.readBytes(capture)).extracting(Copy::linkType).containsExactly(LinkType.ETHERNET);
    }

    @Test
    void keepsOriginalLengthOfSnaplenCutRecords() throws IOException {
        byte[] capture = new PcapWriter(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET, 96)
                .packet(T0, PcapWriter.payload(96, 4), 1500).bytes();
        Copy packet = Packets.readBytes(capture).get(0);
        assertThat(packet.data()).hasSize(96);
        assertThat(packet.originalLength()).isEqualTo(1500);
    }

    @Test
    void returnsZeroLengthRecords() throws IOException {
        byte[] capture = PcapWriter.ethernet().packet(T0, new byte[0], 0).packet(T0, PcapWriter.payload(10, 5)).bytes();
        assertThat(Packets.readBytes(capture)).extracting(c -> c.data().length).containsExactly(0, 10);
    }

    @Test
    void acceptsRecordsAboveASmallSnaplenUpToTheLenientLimit() throws IOException {
        byte[] big = PcapWriter.payload(PcapReader.LENIENT_SNAPLEN, 6);
        byte[] capture = new PcapWriter(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET, 1500)
                .packet(T0, big).bytes();
        assertThat(Packets.readBytes(capture).get(0).data()).isEqualTo(big);
    }

    @Test
    void readsRecordsLargerThanTheInitialBuffer() throws IOException {
        byte[] big = PcapWriter.payload(3 << 20, 7);
        byte[] capture = new PcapWriter(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET, 8 << 20)
                .packet(T0, PcapWriter.payload(100, 8)).packet(T0, big).packet(T0, PcapWriter.payload(100, 9)).bytes();
        List<Copy> packets = Packets.readBytes(capture);
        assertThat(packets).hasSize(3);
        assertThat(packets.get(1).data()).isEqualTo(big);
        assertThat(packets.get(2).data()).isEqualTo(PcapWriter.payload(100, 9));
    }

    @Test
    void rejectsRecordLongerThanSnaplenLimit() {
        byte[] capture = new PcapWriter(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET, 65535)
                .packet(T0, PcapWriter.payload(20, 1))
                .record(1, 0, 300_000, 300_000, new byte[0]).bytes();
        assertThatThrownBy(() -> Packets.readBytes(capture))
                .isInstanceOfSatisfying(CaptureFormatException.class, e -> {
                    assertThat(e.offset()).isEqualTo(24 + 16 + 20);
                    assertThat(e.reason()).startsWith("record length 300000 exceeds");
                });
    }

    @Test
    void rejectsRecordLongerThanSixteenMebibytesWhateverTheSnaplen() {
        byte[] capture = new PcapWriter(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET, -1)
                .record(1, 0, (16 << 20) + 1, (16 << 20) + 1, new byte[0]).bytes();
        assertThatThrownBy(() -> Packets.readBytes(capture))
                .isInstanceOfSatisfying(CaptureFormatException.class, e -> {
                    assertThat(e.offset()).isEqualTo(24);
                    assertThat(e.reason()).startsWith("record length 16777217 exceeds");
                });
    }

    /**
     * tcpdump 4.99 prints "[Invalid header: len(10) < caplen(42)]" for such records and
     * "[Invalid header: len(2147483648) > 262144]", then reads on; tshark decodes them. So do we,
     * counting them, with the captured length as the wire length.
     */
    @Test
    void readsRecordsWhoseOriginalLengthIsBelowTheCapturedOrAbsurd() throws IOException {
        byte[] data = PcapWriter.payload(42, 1);
        byte[] capture = PcapWriter.ethernet()
                .record(1, 0, 42, 42, data)
                .record(2, 0, 42, 10, data)
                .record(3, 0, 42, 0x8000_0000, data)
                .record(4, 0, 42, 0xFFFF_FFFF, data)
                .record(5, 0, 42, 60, data).bytes();
        try (PacketSource source = Captures.open(new ByteArrayInputStream(capture), "lengths.pcap")) {
            List<Copy> read = Packets.readAll(source);
            assertThat(read).extracting(Copy::originalLength).containsExactly(42, 42, 42, 42, 60);
            assertThat(read).extracting(Copy::recordOffset).containsExactly(24L, 82L, 140L, 198L, 256L);
            assertThat(read).allSatisfy(c -> assertThat(c.data()).isEqualTo(data));
            assertThat(source.inconsistentLengths()).isEqualTo(3);
        }
    }

    @Test
    void rejectsTruncatedFileHeader() {
        byte[] header = PcapWriter.ethernet().bytes();
        byte[] cut = java.util.Arrays.copyOf(header, 10);
        assertThatThrownBy(() -> new PcapReader(new ByteArrayInputStream(cut), "h.pcap"))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("h.pcap: at byte 0: truncated file header (10 of 24 bytes)");
    }

    @Test
    void headerOnlyFileHasNoPackets() throws IOException {
        assertThat(Packets.readBytes(PcapWriter.ethernet().bytes())).isEmpty();
    }
}
