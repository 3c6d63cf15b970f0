package org.flowmeter.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.RawPacket;

/**
 * A fixed number of packets held in memory, each in its own byte array. A capture shorter than
 * that is repeated; each repetition is shifted in time past the end of the previous one, so
 * packet time only moves forward (the same 5-tuples come back, as in a longer capture).
 */
final class PacketCorpus {
    /** Gap between the last packet of one repetition and the first of the next. */
    static final long REPEAT_GAP_NANOS = 1_000_000;

    private PacketCorpus() {
    }

    /** The first {@code count} packets of {@code capture}, repeating it as often as needed. */
    static RawPacket[] load(Path capture, int count) throws IOException {
        List<RawPacket> original = readAtMost(capture, count);
        if (original.isEmpty()) {
            throw new IllegalArgumentException("no packets in " + capture);
        }
        RawPacket[] packets = new RawPacket[count];
        long first = original.get(0).timestampNanos;
        long last = original.get(original.size() - 1).timestampNanos;
        long shiftPerRepeat = Math.max(0, last - first) + REPEAT_GAP_NANOS;
        for (int i = 0; i < count; i++) {
            int repeat = i / original.size();
            RawPacket source = original.get(i % original.size());
            packets[i] = copyOf(source, source.timestampNanos + repeat * shiftPerRepeat);
        }
        return packets;
    }

    private static List<RawPacket> readAtMost(Path capture, int count) throws IOException {
        List<RawPacket> packets = new ArrayList<>();
        RawPacket raw = new RawPacket();
        try (PacketSource source = Captures.open(capture)) {
            while (packets.size() < count && source.next(raw)) {
                packets.add(copyOf(raw, raw.timestampNanos));
            }
        }
        return packets;
    }

    private static RawPacket copyOf(RawPacket raw, long timestampNanos) {
        byte[] bytes = Arrays.copyOfRange(raw.data, raw.offset, raw.offset + raw.capturedLength);
        RawPacket copy = new RawPacket();
        copy.set(bytes, 0, bytes.length, raw.originalLength, timestampNanos, raw.linkType, raw.recordOffset);
        return copy;
    }
}
