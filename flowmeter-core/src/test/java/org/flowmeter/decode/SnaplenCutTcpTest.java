package org.flowmeter.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real loopback captures whose TCP headers tcpdump cut ({@code -i any}, a 20-byte LINUX_SLL2
 * header): each cut field is marked, not read as a zero. Counts from {@code capinfos -c} and
 * {@code tcpdump -r FILE 'tcp[13] & 2 != 0' | wc -l} (the SYN bit, read by BPF from the raw
 * bytes; at -s 46 the flags byte is not there, so none match); tshark stops at the ports of
 * every packet of both files ("TCP truncated").
 */
class SnaplenCutTcpTest {
    private static final Path FIXTURES = Path.of("").toAbsolutePath().getParent().resolve("fixtures/captures");
    private static final int ALL = DecodedPacket.CUT_SEQ | DecodedPacket.CUT_DATA_OFFSET | DecodedPacket.CUT_FLAGS
            | DecodedPacket.CUT_WINDOW;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // file, packets, with SYN, the cut fields of every packet
            "snaplen54_any.pcap, 416, 38, " + DecodedPacket.CUT_WINDOW,
            "snaplen46_any.pcap, 416, 0, " + (ALL | DecodedPacket.CUT_PAYLOAD),
    })
    void everyPacketMarksTheFieldsItsSnaplenCut(String file, long packets, long syns, int cut) throws IOException {
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket out = new DecodedPacket();
        RawPacket raw = new RawPacket();
        long tcp = 0;
        long withSyn = 0;
        long markedAsExpected = 0;
        try (PacketSource source = Captures.open(FIXTURES.resolve(file).toString())) {
            while (source.next(raw)) {
                if (decoder.decode(raw, out) == null && out.protocol == DecodedPacket.TCP) {
                    tcp++;
                    withSyn += (out.tcpFlags & DecodedPacket.SYN) != 0 ? 1 : 0;
                    markedAsExpected += out.tcpCut == cut ? 1 : 0;
                }
            }
        }
        assertThat(tcp).isEqualTo(packets);
        assertThat(withSyn).isEqualTo(syns);
        assertThat(markedAsExpected).isEqualTo(packets);
    }
}
