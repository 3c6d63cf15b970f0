package org.flowmeter.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds classic pcap files in memory for tests. */
final class PcapWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;
    private final boolean nanos;

    PcapWriter(ByteOrder order, boolean nanos, int linkTypeField, int snaplen) {
        this.order = order;
        this.nanos = nanos;
        ByteBuffer header = ByteBuffer.allocate(24).order(order);
        header.putInt(nanos ? PcapReader.MAGIC_NANOS : PcapReader.MAGIC_MICROS);
        header.putShort((short) 2).putShort((short) 4);
        header.putInt(0).putInt(0).putInt(snaplen).putInt(linkTypeField);
        out.writeBytes(header.array());
    }

    static PcapWriter ethernet() {
        return new PcapWriter(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET, 65535);
    }

    /** Writes a record; the timestamp is cut to the file's resolution. */
    PcapWriter packet(long timestampNanos, byte[] data, int originalLength) {
        long seconds = timestampNanos / 1_000_000_000L;
        long fraction = timestampNanos % 1_000_000_000L;
        return record((int) seconds, (int) (nanos ? fraction : fraction / 1000), data.length, originalLength, data);
    }

    PcapWriter packet(long timestampNanos, byte[] data) {
        return packet(timestampNanos, data, data.length);
    }

    /** Writes a raw record header with any lengths, followed by {@code data}. */
    PcapWriter record(int seconds, int fraction, int capturedLength, int originalLength, byte[] data) {
        ByteBuffer header = ByteBuffer.allocate(16).order(order);
        header.putInt(seconds).putInt(fraction).putInt(capturedLength).putInt(originalLength);
        out.writeBytes(header.array());
        out.writeBytes(data);
        return this;
    }

    PcapWriter raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static byte[] payload(int length, int seed) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (seed * 31 + i);
        }
        return data;
    }
}
