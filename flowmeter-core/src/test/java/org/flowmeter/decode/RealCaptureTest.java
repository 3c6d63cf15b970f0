package org.flowmeter.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decodes real captures from the shared data folder, when it is present, and compares packet
 * counts with tshark. The expected numbers were derived with (fragments left unreassembled so
 * that only first fragments show their transport header):
 * <pre>
 * O="-o ip.defragment:FALSE -o ipv6.defragment:FALSE"
 * tshark -r FILE $O -Y 'tcp &amp;&amp; !icmp &amp;&amp; !icmpv6' | wc -l
 * tshark -r FILE $O -Y 'udp &amp;&amp; !icmp &amp;&amp; !icmpv6' | wc -l
 * tshark -r FILE $O -Y 'icmp || icmpv6' | wc -l
 * tshark -r FILE $O -Y '!tcp &amp;&amp; !udp &amp;&amp; !icmp &amp;&amp; !icmpv6 &amp;&amp; (ip.frag_offset &gt; 0 || ipv6.fraghdr.offset &gt; 0)' | wc -l
 * capinfos -c FILE
 * </pre>
 */
class RealCaptureTest {
    private static final String NDPI = "public/benign/ntop+nDPI/tests/cfgs/default/pcap/";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // file, packets, tcp, udp, icmp, later fragments
            "traffic-lab/nmap_syn_scan.pcap, 2053, 2051, 0, 0, 0",
            "traffic-lab/dns_lookups.pcap, 216, 60, 156, 0, 0",
            NDPI + "KakaoTalk_chat.pcap, 347, 310, 36, 1, 0",
            NDPI + "rdp.pcap, 20, 20, 0, 0, 0",
            NDPI + "codm.pcap, 13, 7, 6, 0, 0",
            NDPI + "dns_fragmented.pcap, 66, 20, 39, 0, 7",
    })
    void countsMatchTshark(String file, long packets, long tcp, long udp, long icmp, long laterFragments)
            throws IOException {
        Path data = Path.of("").toAbsolutePath().getParent().getParent().resolve("shared/data");
        Path capture = data.resolve(file);
        Assumptions.assumeTrue(Files.isReadable(capture), "shared capture not present: " + file);

        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket out = new DecodedPacket();
        long[] counts = new long[4];
        long records = forEachRecord(capture, raw -> {
            if (decoder.decode(raw, out) != null) {
                return;
            }
            if (out.laterFragment) {
                counts[3]++;
            } else if (out.protocol == DecodedPacket.TCP) {
                counts[0]++;
            } else if (out.protocol == DecodedPacket.UDP) {
                counts[1]++;
            } else {
                counts[2]++;
            }
        });
        assertThat(records).isEqualTo(packets);
        assertThat(counts).containsExactly(tcp, udp, icmp, laterFragments);
        assertThat(decoder.decoded() + decoder.skippedTotal()).isEqualTo(packets);
    }

    /** Just enough of the classic pcap format to feed the decoder; not a capture reader. */
    private static long forEachRecord(Path file, java.util.function.Consumer<RawPacket> action) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt(0);
        if (magic == 0xD4C3B2A1 || magic == 0x4D3CB2A1) {
            in.order(ByteOrder.BIG_ENDIAN);
            magic = Integer.reverseBytes(magic);
        }
        assertThat(magic).as("classic pcap magic").isIn(0xA1B2C3D4, 0xA1B23C4D);
        long fractionToNanos = magic == 0xA1B23C4D ? 1 : 1000;
        int linkType = in.getInt(20) & 0x0FFF_FFFF;
        RawPacket raw = new RawPacket();
        long records = 0;
        int at = 24;
        while (at + 16 <= in.limit()) {
            long seconds = in.getInt(at) & 0xFFFF_FFFFL;
            long fraction = in.getInt(at + 4) & 0xFFFF_FFFFL;
            int captured = in.getInt(at + 8);
            int original = in.getInt(at + 12);
            raw.set(in.array(), at + 16, captured, original, seconds * 1_000_000_000L + fraction * fractionToNanos,
                    linkType, at);
            action.accept(raw);
            records++;
            at += 16 + captured;
        }
        return records;
    }
}
