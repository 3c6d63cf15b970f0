package org.flowmeter.pcap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Reads pcapng files: any number of sections in either byte order, interfaces with their own link
 * type and timestamp resolution, enhanced, simple and obsolete packet blocks. Other blocks are
 * skipped by their length.
 */
public final class PcapNgReader extends CaptureFileReader {
    public static final int SECTION_HEADER = 0x0A0D0D0A;
    public static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int INTERFACE_DESCRIPTION = 1;
    static final int OBSOLETE_PACKET = 2;
    static final int SIMPLE_PACKET = 3;
    static final int ENHANCED_PACKET = 6;

    /** Largest block parsed in memory; larger blocks of other types are skipped as a stream. */
    static final int MAX_BLOCK_LENGTH = PcapReader.MAX_RECORD_LENGTH + 64 * 1024;

    private static final int OPT_END = 0;
    private static final int OPT_TSRESOL = 9;
    private static final int OPT_TSOFFSET = 14;

    private boolean bigEndian;
    private int interfaceCount;
    private int[] linkTypes = new int[4];
    private long[] snapLengths = new long[4];
    private TimestampScale[] scales = new TimestampScale[4];
    private long[] offsetNanos = new long[4];
    /** Simple packet blocks carry no time; they inherit the one before. */
    private long lastTimestamp;

    public PcapNgReader(InputStream in, String name) throws IOException {
        this(new CountingInputStream(in), name, -1);
    }

    public PcapNgReader(Path file) throws IOException {
        this(new CountingInputStream(Files.newInputStream(file)), file.toString(), Files.size(file));
    }

    private PcapNgReader(CountingInputStream in, String name, long totalBytes) throws IOException {
        this(new ReadBuffer(in, name), in::count, totalBytes);
    }

    PcapNgReader(ReadBuffer in, LongSupplier bytesRead, long totalBytes) throws IOException {
        super(in, bytesRead, totalBytes);
        try {
            if (!in.require(12)) {
                throw error(0, in.available() == 0 ? "empty file" : "truncated section header");
            }
            int type = ReadBuffer.intAt(in.array(), in.pos(), true);
            if (type != SECTION_HEADER) {
                throw error(0, String.format("not a pcapng file (magic 0x%08x)", type));
            }
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    @Override
    protected boolean readNext(RawPacket packet) throws IOException {
        while (true) {
            long blockOffset = in.offset();
            if (!in.require(8)) {
                if (in.available() == 0) {
                    return false;
                }
                throw error(blockOffset, "truncated block header");
            }
            int type = ReadBuffer.intAt(in.array(), in.pos(), bigEndian);
            if (type == SECTION_HEADER) {
                readSectionByteOrder(blockOffset);
            }
            long length = ReadBuffer.uintAt(in.array(), in.pos() + 4, bigEndian);
            checkLength(blockOffset, length);
            if (length > MAX_BLOCK_LENGTH) {
                if (isParsed(type)) {
                    throw error(blockOffset, "block length " + length + " exceeds " + MAX_BLOCK_LENGTH);
                }
                skipLongBlock(blockOffset, length);
                continue;
            }
            int len = (int) length;
            if (!in.require(len)) {
                throw error(blockOffset, "truncated block (" + in.available() + " of " + len + " bytes)");
            }
            byte[] b = in.array();
            int start = in.pos();
            long trailer = ReadBuffer.uintAt(b, start + len - 4, bigEndian);
            if (trailer != length) {
                throw error(blockOffset, "block trailer length " + trailer + " differs from header length " + length);
            }
            boolean isPacket = switch (type) {
                case SECTION_HEADER -> startSection(b, start, len, blockOffset);
                case INTERFACE_DESCRIPTION -> addInterface(b, start, len, blockOffset);
                case ENHANCED_PACKET -> enhancedPacket(b, start, len, blockOffset, packet);
                case SIMPLE_PACKET -> simplePacket(b, start, len, blockOffset, packet);
                case OBSOLETE_PACKET -> obsoletePacket(b, start, len, blockOffset, packet);
                default -> false;
            };
            in.skip(len);
            if (isPacket) {
                return true;
            }
        }
    }

    private static boolean isParsed(int type) {
        return type == SECTION_HEADER || type == INTERFACE_DESCRIPTION || type == ENHANCED_PACKET
                || type == SIMPLE_PACKET || type == OBSOLETE_PACKET;
    }

    private void readSectionByteOrder(long blockOffset) throws IOException {
        if (!in.require(12)) {
            throw error(blockOffset, "truncated section header");
        }
        byte[] b = in.array();
        int bom = in.pos() + 8;
        if (ReadBuffer.intAt(b, bom, true) == BYTE_ORDER_MAGIC) {
            bigEndian = true;
        } else if (ReadBuffer.intAt(b, bom, false) == BYTE_ORDER_MAGIC) {
            bigEndian = false;
        } else {
            throw error(blockOffset + 8, String.format("bad byte-order magic 0x%08x",
                    ReadBuffer.intAt(b, bom, true)));
        }
    }

    private void checkLength(long blockOffset, long length) throws CaptureFormatException {
        if (length < 12 || length % 4 != 0) {
            throw error(blockOffset, "block length " + length + " is not a multiple of 4 of at least 12");
        }
    }

    private void skipLongBlock(long blockOffset, long length) throws IOException {
        if (!in.discard(length - 4) || !in.require(4)) {
            throw error(blockOffset, "truncated block (length " + length + ")");
        }
        long trailer = ReadBuffer.uintAt(in.array(), in.pos(), bigEndian);
        if (trailer != length) {
            throw error(blockOffset, "block trailer length " + trailer + " differs from header length " + length);
        }
        in.skip(4);
    }

    private boolean startSection(byte[] b, int start, int len, long blockOffset) throws CaptureFormatException {
        requireBody(len, 28, "section header", blockOffset);
        interfaceCount = 0;
        return false;
    }

    private boolean addInterface(byte[] b, int start, int len, long blockOffset) throws CaptureFormatException {
        requireBody(len, 20, "interface description", blockOffset);
        int linkType = ReadBuffer.ushortAt(b, start + 8, bigEndian);
        long snapLength = ReadBuffer.uintAt(b, start + 12, bigEndian);
        TimestampScale scale = TimestampScale.MICROS;
        long offsetSeconds = 0;
        int end = start + len - 4;
        int p = start + 16;
        while (p + 4 <= end) {
            int code = ReadBuffer.ushortAt(b, p, bigEndian);
            int optLength = ReadBuffer.ushortAt(b, p + 2, bigEndian);
            if (code == OPT_END) {
                break;
            }
            int value = p + 4;
            if (value + optLength > end) {
                throw error(blockOffset + (p - start), "interface option " + code + " overruns its block");
            }
            if (code == OPT_TSRESOL && optLength >= 1) {
                scale = TimestampScale.fromOption(b[value] & 0xFF);
                if (scale == null) {
                    throw error(blockOffset + (value - start), "unsupported if_tsresol " + (b[value] & 0xFF));
                }
            } else if (code == OPT_TSOFFSET && optLength >= 8) {
                offsetSeconds = bigEndian
                        ? (ReadBuffer.uintAt(b, value, true) << 32) | ReadBuffer.uintAt(b, value + 4, true)
                        : (ReadBuffer.uintAt(b, value + 4, false) << 32) | ReadBuffer.uintAt(b, value, false);
            }
            p = value + ((optLength + 3) & ~3);
        }
        if (interfaceCount == linkTypes.length) {
            int grown = interfaceCount * 2;
            linkTypes = Arrays.copyOf(linkTypes, grown);
            snapLengths = Arrays.copyOf(snapLengths, grown);
            scales = Arrays.copyOf(scales, grown);
            offsetNanos = Arrays.copyOf(offsetNanos, grown);
        }
        linkTypes[interfaceCount] = linkType;
        snapLengths[interfaceCount] = snapLength;
        scales[interfaceCount] = scale;
        offsetNanos[interfaceCount] = offsetSeconds * 1_000_000_000L;
        interfaceCount++;
        return false;
    }

    private boolean enhancedPacket(byte[] b, int start, int len, long blockOffset, RawPacket packet)
            throws CaptureFormatException {
        requireBody(len, 32, "enhanced packet", blockOffset);
        long interfaceId = ReadBuffer.uintAt(b, start + 8, bigEndian);
        return timedPacket(b, start, len, blockOffset, interfaceId, packet);
    }

    private boolean obsoletePacket(byte[] b, int start, int len, long blockOffset, RawPacket packet)
            throws CaptureFormatException {
        requireBody(len, 32, "packet", blockOffset);
        int interfaceId = ReadBuffer.ushortAt(b, start + 8, bigEndian);
        return timedPacket(b, start, len, blockOffset, interfaceId, packet);
    }

    /** Enhanced and obsolete packet blocks share the layout after the interface id. */
    private boolean timedPacket(byte[] b, int start, int len, long blockOffset, long interfaceId,
                                RawPacket packet) throws CaptureFormatException {
        int iface = checkInterface(interfaceId, blockOffset);
        long ticks = (ReadBuffer.uintAt(b, start + 12, bigEndian) << 32) | ReadBuffer.uintAt(b, start + 16, bigEndian);
        long captured = ReadBuffer.uintAt(b, start + 20, bigEndian);
        long original = ReadBuffer.uintAt(b, start + 24, bigEndian);
        if (captured > len - 32) {
            throw error(blockOffset, "captured length " + captured + " exceeds block length " + len);
        }
        int wireLength = WireLength.of(captured, original);
        if (wireLength != original) {
            inconsistentLengths++;
        }
        long timestamp = scales[iface].toNanos(ticks) + offsetNanos[iface];
        lastTimestamp = timestamp;
        packet.set(b, start + 28, (int) captured, wireLength, timestamp, linkTypes[iface], blockOffset);
        return true;
    }

    private boolean simplePacket(byte[] b, int start, int len, long blockOffset, RawPacket packet)
            throws CaptureFormatException {
        requireBody(len, 16, "simple packet", blockOffset);
        if (interfaceCount == 0) {
            throw error(blockOffset, "simple packet block before any interface description");
        }
        long original = ReadBuffer.uintAt(b, start + 8, bigEndian);
        long captured = Math.min(original, len - 16);
        if (snapLengths[0] != 0) {
            captured = Math.min(captured, snapLengths[0]);
        }
        int wireLength = WireLength.of(captured, original);
        if (wireLength != original) {
            inconsistentLengths++;
        }
        packet.set(b, start + 12, (int) captured, wireLength, lastTimestamp, linkTypes[0], blockOffset);
        return true;
    }

    private int checkInterface(long interfaceId, long blockOffset) throws CaptureFormatException {
        if (interfaceId >= interfaceCount) {
            throw error(blockOffset, "interface id " + interfaceId + " out of range (" + interfaceCount
                    + " interfaces in this section)");
        }
        return (int) interfaceId;
    }

    private void requireBody(int len, int minimum, String what, long blockOffset) throws CaptureFormatException {
        if (len < minimum) {
            throw error(blockOffset, what + " block length " + len + " is shorter than " + minimum);
        }
    }
}
