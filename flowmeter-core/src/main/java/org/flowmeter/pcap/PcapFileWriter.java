package org.flowmeter.pcap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a classic pcap file with nanosecond timestamps, so packets keep their original time
 * to the nanosecond, their original (wire) length and their captured bytes. One link type per
 * file, fixed by the first packet: packets of another link type are refused and counted.
 */
public final class PcapFileWriter implements Closeable {
    private static final int NANOSECOND_MAGIC = 0xa1b23c4d;
    private static final int SNAPLEN = 262144;

    private final OutputStream out;
    private final ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    private int linkType = -1;
    private long packets;
    private long wireBytes;
    private long fileBytes;
    private long refused;

    public PcapFileWriter(OutputStream out) {
        this.out = new BufferedOutputStream(out, 1 << 20);
    }

    /** Writes the packet; returns false (and counts it) when its link type differs from the file's. */
    public boolean write(RawPacket p) throws IOException {
        if (linkType < 0) {
            writeFileHeader(p.linkType);
        } else if (p.linkType != linkType) {
            refused++;
            return false;
        }
        long seconds = Math.floorDiv(p.timestampNanos, 1_000_000_000L);
        long nanos = Math.floorMod(p.timestampNanos, 1_000_000_000L);
        header.clear();
        header.putInt((int) seconds).putInt((int) nanos).putInt(p.capturedLength).putInt(p.originalLength);
        out.write(header.array(), 0, 16);
        out.write(p.data, p.offset, p.capturedLength);
        packets++;
        wireBytes += p.originalLength;
        fileBytes += 16 + p.capturedLength;
        return true;
    }

    private void writeFileHeader(int type) throws IOException {
        linkType = type;
        header.clear();
        header.putInt(NANOSECOND_MAGIC).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0).putInt(SNAPLEN).putInt(type);
        out.write(header.array(), 0, 24);
        fileBytes += 24;
    }

    /** Makes sure an empty file is still a valid capture (link type of the input, or Ethernet). */
    public void ensureHeader(int fallbackLinkType) throws IOException {
        if (linkType < 0) {
            writeFileHeader(fallbackLinkType);
        }
    }

    public long packets() {
        return packets;
    }

    public long wireBytes() {
        return wireBytes;
    }

    /** Size of the file written so far, headers included. */
    public long fileBytes() {
        return fileBytes;
    }

    /** Packets not written because their link type differed from the file's. */
    public long refused() {
        return refused;
    }

    /** Hands buffered packets to the file (live forwarding, where readers follow the file). */
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
