package org.flowmeter.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.api.Test;

class TcpSequenceTest {
    /**
     * The first six packets of http_small.pcap (a handshake, a request, an answer), by
     * {@code tshark -r http_small.pcap -Y tcp -T fields -e tcp.seq_raw}.
     */
    @Test
    void sequenceNumbersAreReadAsTsharkReadsThem() throws IOException {
        Path capture = Path.of("").toAbsolutePath().getParent().resolve("fixtures/captures/http_small.pcap");
        List<Long> seqs = new ArrayList<>();
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket out = new DecodedPacket();
        try (PacketSource source = Captures.open(capture)) {
            RawPacket raw = new RawPacket();
            while (seqs.size() < 6 && source.next(raw)) {
                if (decoder.decode(raw, out) == null && out.protocol == DecodedPacket.TCP) {
                    seqs.add(Integer.toUnsignedLong(out.tcpSeq));
                }
            }
        }
        assertThat(seqs).containsExactly(4096314639L, 1821173747L, 4096314640L, 4096314640L, 1821173748L, 1821173748L);
    }

    @Test
    void aCopyKeepsTheSequenceNumber() {
        DecodedPacket p = new DecodedPacket();
        p.tcpSeq = 77;
        DecodedPacket copy = new DecodedPacket();
        copy.copyFrom(p);
        assertThat(copy.tcpSeq).isEqualTo(77);
    }
}
