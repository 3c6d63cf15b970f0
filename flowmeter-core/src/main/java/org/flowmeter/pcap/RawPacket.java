package org.flowmeter.pcap;

/**
 * One captured packet as a reader hands it out. The object is reused: its fields and the bytes
 * it points at are valid only until the next call to {@link PacketSource#next(RawPacket)}.
 */
public final class RawPacket {
    /** Buffer holding the captured bytes, starting at {@link #offset}. */
    public byte[] data;
    public int offset;
    /** Bytes present in {@link #data} (may be less than the wire length when snaplen cut it). */
    public int capturedLength;
    /** Length of the packet on the wire, as the capture recorded it. */
    public int originalLength;
    /** Capture time in nanoseconds since the Unix epoch. */
    public long timestampNanos;
    /** Link-layer type (a DLT/LINKTYPE number, see {@link LinkType}). */
    public int linkType;
    /** Byte offset of this record's header in the (decompressed) capture stream. */
    public long recordOffset;
    /** Which input of a sequence of files the packet came from (0 for a single input). */
    public int inputIndex;

    public void set(byte[] data, int offset, int capturedLength, int originalLength,
                    long timestampNanos, int linkType, long recordOffset) {
        this.data = data;
        this.offset = offset;
        this.capturedLength = capturedLength;
        this.originalLength = originalLength;
        this.timestampNanos = timestampNanos;
        this.linkType = linkType;
        this.recordOffset = recordOffset;
    }
}
