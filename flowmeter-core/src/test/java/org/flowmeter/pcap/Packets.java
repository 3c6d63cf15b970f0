package org.flowmeter.pcap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Copies packets out of a source so tests can compare them after the buffer moved on. */
final class Packets {
    record Copy(byte[] data, int originalLength, long timestampNanos, int linkType, long recordOffset) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Copy c && Arrays.equals(data, c.data) && originalLength == c.originalLength
                    && timestampNanos == c.timestampNanos && linkType == c.linkType && recordOffset == c.recordOffset;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Copy[len=" + data.length + ", orig=" + originalLength + ", ts=" + timestampNanos
                    + ", link=" + linkType + ", at=" + recordOffset + "]";
        }
    }

    private Packets() {
    }

    static Copy copy(RawPacket p) {
        return new Copy(Arrays.copyOfRange(p.data, p.offset, p.offset + p.capturedLength), p.originalLength,
                p.timestampNanos, p.linkType, p.recordOffset);
    }

    /** Reads to the end; packets read before an exception are added to {@code into} first. */
    static List<Copy> readAll(PacketSource source, List<Copy> into) throws IOException {
        try (source) {
            RawPacket p = new RawPacket();
            while (source.next(p)) {
                into.add(copy(p));
            }
        }
        return into;
    }

    static List<Copy> readAll(PacketSource source) throws IOException {
        return readAll(source, new ArrayList<>());
    }

    static List<Copy> readBytes(byte[] capture) throws IOException {
        return readAll(Captures.open(new ByteArrayInputStream(capture), "test"));
    }
}
