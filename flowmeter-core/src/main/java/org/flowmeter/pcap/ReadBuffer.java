package org.flowmeter.pcap;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * One reusable window over a byte stream. Readers ask for the next {@code n} bytes and parse them
 * in place, so no packet needs its own array. When a record straddles the end of the window the
 * unread tail is moved to the front; the array only grows when a single record is larger than it.
 */
final class ReadBuffer {
    static final int DEFAULT_CAPACITY = 1 << 20;

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private final InputStream in;
    private final String name;
    private byte[] buf;
    private int pos;
    private int limit;
    /** Stream offset of buf[0]. */
    private long base;
    private boolean eof;

    ReadBuffer(InputStream in, String name, int initialCapacity) {
        this.in = in;
        this.name = name;
        this.buf = new byte[Math.max(64, initialCapacity)];
    }

    ReadBuffer(InputStream in, String name) {
        this(in, name, DEFAULT_CAPACITY);
    }

    byte[] array() {
        return buf;
    }

    /** Index in {@link #array()} of the next unread byte. */
    int pos() {
        return pos;
    }

    int available() {
        return limit - pos;
    }

    /** Stream offset of the next unread byte. */
    long offset() {
        return base + pos;
    }

    String name() {
        return name;
    }

    /**
     * Makes at least {@code n} unread bytes available at {@link #pos()}. May move the window, so
     * indexes taken before the call are invalid afterwards.
     *
     * @return false when the stream ends first ({@link #available()} then tells how much is left)
     */
    boolean require(int n) throws IOException {
        return limit - pos >= n || fill(n);
    }

    private boolean fill(int n) throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            base += pos;
            limit -= pos;
            pos = 0;
        }
        while (limit < n) {
            if (limit == buf.length) {
                // Grow step by step so a bogus length in a tiny file does not allocate its full size.
                buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
            }
            int r = read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
                return false;
            }
            limit += r;
        }
        return true;
    }

    private int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (MappedFileInputStream.FileShrankException e) {
            throw new CaptureFormatException(name, offset(), e.getMessage());
        } catch (ZipException | EOFException e) {
            // Only a damaged gzip layer throws these; the reader cares only that the capture is damaged.
            throw new CaptureFormatException(name, base + limit, "corrupt compressed data: " + e.getMessage());
        }
    }

    /**
     * What a fault in reading a memory-mapped file means. The JVM reports the SIGBUS of a page no
     * longer backed by the file as an InternalError ("a fault occurred in a recent unsafe memory
     * access operation"), and may deliver it a little after the read that caused it.
     */
    CaptureFormatException faulted(InternalError e) {
        return new CaptureFormatException(name, offset(), MappedFileInputStream.SHRANK);
    }

    void skip(int n) {
        pos += n;
    }

    /** Discards {@code n} bytes without holding them all in memory; false when the stream ends first. */
    boolean discard(long n) throws IOException {
        while (n > 0) {
            if (pos == limit && !require(1)) {
                return false;
            }
            int step = (int) Math.min(n, limit - pos);
            pos += step;
            n -= step;
        }
        return true;
    }

    static int intAt(byte[] b, int i, boolean bigEndian) {
        return bigEndian ? (int) INT_BE.get(b, i) : (int) INT_LE.get(b, i);
    }

    static long uintAt(byte[] b, int i, boolean bigEndian) {
        return intAt(b, i, bigEndian) & 0xFFFF_FFFFL;
    }

    static int ushortAt(byte[] b, int i, boolean bigEndian) {
        return (bigEndian ? (short) SHORT_BE.get(b, i) : (short) SHORT_LE.get(b, i)) & 0xFFFF;
    }

    void close() throws IOException {
        in.close();
    }
}
