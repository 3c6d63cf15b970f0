package org.flowmeter.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds pcapng files in memory for tests, one block at a time. */
final class PcapNgWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    PcapNgWriter section(ByteOrder sectionOrder) {
        order = sectionOrder;
        ByteBuffer body = buffer(16);
        body.putInt(PcapNgReader.BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1);
        return block(PcapNgReader.SECTION_HEADER, body.array());
    }

    /**
     * Adds an interface description.
     *
     * @param tsresol if_tsresol option byte, or -1 for none (microseconds)
     * @param tsoffsetSeconds if_tsoffset option, or 0 for none
     */
    PcapNgWriter iface(int linkType, int snaplen, int tsresol, long tsoffsetSeconds) {
        ByteBuffer body = buffer(64);
        body.putShort((short) linkType).putShort((short) 0).putInt(snaplen);
        body.putShort((short) 2).putShort((short) 3).put(new byte[] {'e', 't', 'h', 0}); // if_name, 3 bytes padded
        if (tsresol >= 0) {
            body.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
        }
        if (tsoffsetSeconds != 0) {
            body.putShort((short) 14).putShort((short) 8).putLong(tsoffsetSeconds);
        }
        body.putShort((short) 0).putShort((short) 0);
        return block(PcapNgReader.INTERFACE_DESCRIPTION, used(body));
    }

    PcapNgWriter epb(int interfaceId, long ticks, byte[] data, int originalLength) {
        ByteBuffer body = buffer(20 + padded(data.length) + 12);
        body.putInt(interfaceId).putInt((int) (ticks >>> 32)).putInt((int) ticks);
        body.putInt(data.length).putInt(originalLength).put(data).put(new byte[padded(data.length) - data.length]);
        body.putShort((short) 1).putShort((short) 2).put(new byte[] {'h', 'i', 0, 0}); // opt_comment
        body.putShort((short) 0).putShort((short) 0);
        return block(PcapNgReader.ENHANCED_PACKET, used(body));
    }

    PcapNgWriter spb(byte[] data, int originalLength) {
        ByteBuffer body = buffer(4 + padded(data.length));
        body.putInt(originalLength).put(data);
        return block(PcapNgReader.SIMPLE_PACKET, body.array());
    }

    PcapNgWriter obsoletePacket(int interfaceId, long ticks, byte[] data, int originalLength) {
        ByteBuffer body = buffer(20 + padded(data.length));
        body.putShort((short) interfaceId).putShort((short) 0).putInt((int) (ticks >>> 32)).putInt((int) ticks);
        body.putInt(data.length).putInt(originalLength).put(data);
        return block(PcapNgReader.OBSOLETE_PACKET, body.array());
    }

    /** Any block, with a correct length and trailer; the body is padded to 4 bytes. */
    PcapNgWriter block(int type, byte[] body) {
        int length = 12 + padded(body.length);
        return rawBlock(type, length, body, length);
    }

    /** A block whose lengths may be wrong, for damage tests. */
    PcapNgWriter rawBlock(int type, int length, byte[] body, int trailerLength) {
        ByteBuffer block = buffer(12 + padded(body.length));
        block.putInt(type).putInt(length).put(body).position(8 + padded(body.length));
        block.putInt(trailerLength);
        out.writeBytes(block.array());
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(order);
    }

    private static byte[] used(ByteBuffer body) {
        byte[] bytes = new byte[body.position()];
        body.flip().get(bytes);
        return bytes;
    }

    static int padded(int length) {
        return (length + 3) & ~3;
    }
}
