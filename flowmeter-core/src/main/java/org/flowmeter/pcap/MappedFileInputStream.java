package org.flowmeter.pcap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a file through memory-mapped windows: one copy from the page cache into the caller's
 * array and no system call per read, where a channel-backed stream copies twice.
 */
final class MappedFileInputStream extends InputStream {
    /** Small enough that the mapped pages, resident while read, stay a small part of the process. */
    private static final long WINDOW = 8L << 20;

    static final String SHRANK = "the file shrank while being read";

    private final FileChannel channel;
    private final long size;
    private MappedByteBuffer window;
    private long windowStart;
    private long position;

    MappedFileInputStream(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.size = channel.size();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position >= size) {
            return -1;
        }
        if (window == null || position >= windowStart + window.capacity()) {
            unmap();
            windowStart = position;
            long length = Math.min(WINDOW, size - windowStart);
            if (channel.size() < windowStart + length) {
                // Mapping past the end would try to extend the file ("Channel not open for writing").
                throw new FileShrankException();
            }
            window = channel.map(FileChannel.MapMode.READ_ONLY, windowStart, length);
        }
        int inWindow = (int) (position - windowStart);
        int n = Math.min(len, window.capacity() - inWindow);
        // Touching pages cut off the file faults (SIGBUS), which the JVM reports as an InternalError
        // some time after the copy, possibly inside library code it then leaves broken. Checking
        // the size first (one cheap call per buffer fill) keeps that to a truncation racing the copy.
        if (channel.size() < position + n) {
            throw new FileShrankException();
        }
        try {
            window.get(inWindow, b, off, n);
        } catch (InternalError e) {
            throw new FileShrankException();
        }
        position += n;
        return n;
    }

    /** The file ended below the size it had when opened: a ring buffer rotating it, a truncation. */
    static final class FileShrankException extends IOException {
        FileShrankException() {
            super(SHRANK);
        }
    }

    /** "grew while being read..." when the file is now larger than at open; null otherwise. */
    String grewNote() {
        try {
            long now = channel.isOpen() ? channel.size() : size;
            return now > size ? "grew while being read: read up to its size at open (" + size + " of " + now
                    + " bytes now)" : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public long skip(long n) {
        long step = Math.max(0, Math.min(n, size - position));
        position += step;
        return step;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, size - position);
    }

    @Override
    public void close() throws IOException {
        unmap();
        channel.close();
    }

    /**
     * Releases the current window now rather than at some later garbage collection, so resident
     * memory stays at one window however large the file.
     */
    private void unmap() {
        if (window != null) {
            Unmapper.unmap(window);
            window = null;
        }
    }
}
