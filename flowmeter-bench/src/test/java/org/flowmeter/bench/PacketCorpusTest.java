package org.flowmeter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.api.Test;

class PacketCorpusTest {
    private static final Path SMALL = CaptureFiles.resolve("fixtures/captures/bench_small.pcap");

    @Test
    void takesTheFirstPacketsOfALongerCapture() throws IOException {
        List<RawPacket> file = readAll(SMALL);
        RawPacket[] corpus = PacketCorpus.load(SMALL, 10);

        assertThat(corpus).hasSize(10);
        for (int i = 0; i < corpus.length; i++) {
            assertThat(corpus[i].data).isEqualTo(file.get(i).data);
            assertThat(corpus[i].timestampNanos).isEqualTo(file.get(i).timestampNanos);
            assertThat(corpus[i].originalLength).isEqualTo(file.get(i).originalLength);
        }
    }

    @Test
    void repeatsAShorterCaptureShiftedPastItsEnd() throws IOException {
        List<RawPacket> file = readAll(SMALL);
        int size = file.size();
        long span = file.get(size - 1).timestampNanos - file.get(0).timestampNanos;
        long shift = span + PacketCorpus.REPEAT_GAP_NANOS;

        RawPacket[] corpus = PacketCorpus.load(SMALL, 2 * size + 5);

        assertThat(corpus).hasSize(2 * size + 5);
        for (int i = 0; i < corpus.length; i++) {
            RawPacket original = file.get(i % size);
            assertThat(corpus[i].data).isEqualTo(original.data);
            assertThat(corpus[i].timestampNanos).isEqualTo(original.timestampNanos + (i / size) * shift);
        }
        assertThat(corpus[size].timestampNanos).isGreaterThan(corpus[size - 1].timestampNanos);
        assertThat(corpus[size].data).isNotSameAs(corpus[0].data);
    }

    private static List<RawPacket> readAll(Path capture) throws IOException {
        List<RawPacket> packets = new ArrayList<>();
        RawPacket raw = new RawPacket();
        try (PacketSource source = Captures.open(capture)) {
            while (source.next(raw)) {
                byte[] bytes = Arrays.copyOfRange(raw.data, raw.offset, raw.offset + raw.capturedLength);
                RawPacket copy = new RawPacket();
                copy.set(bytes, 0, bytes.length, raw.originalLength, raw.timestampNanos, raw.linkType, 0);
                packets.add(copy);
            }
        }
        return packets;
    }
}
