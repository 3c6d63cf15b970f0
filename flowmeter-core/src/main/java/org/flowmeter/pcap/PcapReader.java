package org.flowmeter.pcap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Reads classic libpcap files: either byte order, microsecond or nanosecond timestamps.
 * The packet bytes stay in the reader's buffer; see {@link RawPacket} for their lifetime.
 */
public final class PcapReader extends CaptureFileReader {
    public static final int MAGIC_MICROS = 0xa1b2c3d4;
    public static final int MAGIC_NANOS = 0xa1b23c4d;
    /** Beyond this a record length is taken as damage rather than a real packet. */
    public static final int MAX_RECORD_LENGTH = 16 << 20;
    /** libpcap tolerates records up to this size even when the snaplen says less. */
    static final int LENIENT_SNAPLEN = 262_144;

    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private final boolean bigEndian;
    private final boolean nanos;
    private final int linkType;
    private final long snapLength;
    private final long maxRecord;

    /** Reads from {@code in}; {@link #totalBytes()} is unknown. */
    public PcapReader(InputStream in, String name) throws IOException {
        this(counting(in), name, -1);
    }

    public PcapReader(Path file) throws IOException {
        this(counting(Files.newInputStream(file)), file.toString(), Files.size(file));
    }

    private PcapReader(CountingInputStream in, String name, long totalBytes) throws IOException {
        this(new ReadBuffer(in, name), in::count, totalBytes);
    }

    PcapReader(ReadBuffer in, LongSupplier bytesRead, long totalBytes) throws IOException {
        super(in, bytesRead, totalBytes);
        try {
            if (!in.require(FILE_HEADER)) {
                throw error(0, in.available() == 0 ? "empty file"
                        : "truncated file header (" + in.available() + " of " + FILE_HEADER + " bytes)");
            }
            byte[] b = in.array();
            int h = in.pos();
            int magicBe = ReadBuffer.intAt(b, h, true);
            int magicLe = ReadBuffer.intAt(b, h, false);
            if (magicBe == MAGIC_MICROS || magicBe == MAGIC_NANOS) {
                bigEndian = true;
                nanos = magicBe == MAGIC_NANOS;
            } else if (magicLe == MAGIC_MICROS || magicLe == MAGIC_NANOS) {
                bigEndian = false;
                nanos = magicLe == MAGIC_NANOS;
            } else {
                throw error(0, String.format("not a pcap file (magic 0x%08x)", magicBe));
            }
            snapLength = ReadBuffer.uintAt(b, h + 16, bigEndian);
            // The upper bits of this field carry FCS information, not the link type.
            linkType = ReadBuffer.intAt(b, h + 20, bigEndian) & 0xFFFF;
            maxRecord = Math.min(Math.max(snapLength, LENIENT_SNAPLEN), MAX_RECORD_LENGTH);
            in.skip(FILE_HEADER);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static CountingInputStream counting(InputStream in) {
        return new CountingInputStream(in);
    }

    @Override
    protected boolean readNext(RawPacket packet) throws IOException {
        ReadBuffer in = this.in;
        long recordOffset = in.offset();
        if (!in.require(RECORD_HEADER)) {
            if (in.available() == 0) {
                return false;
            }
            throw error(recordOffset, "truncated record header (" + in.available() + " of " + RECORD_HEADER + " bytes)");
        }
        byte[] b = in.array();
        int h = in.pos();
        long seconds = ReadBuffer.uintAt(b, h, bigEndian);
        long fraction = ReadBuffer.uintAt(b, h + 4, bigEndian);
        long captured = ReadBuffer.uintAt(b, h + 8, bigEndian);
        long original = ReadBuffer.uintAt(b, h + 12, bigEndian);
        if (captured > maxRecord) {
            throw error(recordOffset, "record length " + captured + " exceeds "
                    + (maxRecord == MAX_RECORD_LENGTH ? "the 16 MiB limit" : "snaplen limit " + maxRecord));
        }
        int length = (int) captured;
        int wireLength = WireLength.of(captured, original);
        if (wireLength != original) {
            inconsistentLengths++;
        }
        if (!in.require(RECORD_HEADER + length)) {
            throw error(recordOffset, "truncated record (" + (in.available() - RECORD_HEADER) + " of "
                    + length + " data bytes)");
        }
        long nanosOfSecond = nanos ? fraction : fraction * 1000;
        packet.set(in.array(), in.pos() + RECORD_HEADER, length, wireLength,
                seconds * 1_000_000_000L + nanosOfSecond, linkType, recordOffset);
        in.skip(RECORD_HEADER + length);
        return true;
    }

    public int linkType() {
        return linkType;
    }

    public long snapLength() {
        return snapLength;
    }

    public boolean isNanosecond() {
        return nanos;
    }

    public boolean isBigEndian() {
        return bigEndian;
    }
}
