package org.flowmeter.pcap;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Standard input read by a background thread, so that a reader blocked waiting for more data
 * (a pipe that stays open) can be released by {@link #release()} on Ctrl-C: the stream then
 * ends as if the pipe had been closed.
 */
public final class InterruptibleStdin extends InputStream {
    private static final byte[] END = new byte[0];
    private static volatile InterruptibleStdin current;

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(64);
    private byte[] chunk = new byte[0];
    private int position;
    private volatile boolean ended;

    private InterruptibleStdin(InputStream in) {
        Thread pump = new Thread(() -> pump(in), "stdin-reader");
        pump.setDaemon(true);
        pump.start();
    }

    /** Wraps System.in (once per process). */
    static synchronized InterruptibleStdin open() {
        if (current == null) {
            current = new InterruptibleStdin(System.in);
        }
        return current;
    }

    /** Makes a read blocked on stdin return end-of-stream. Does nothing when stdin is not in use. */
    public static void release() {
        InterruptibleStdin in = current;
        if (in != null) {
            in.ended = true;
            in.chunks.clear();
            in.chunks.offer(END);
        }
    }

    private void pump(InputStream in) {
        byte[] buffer = new byte[1 << 16];
        try {
            int n;
            while (!ended && (n = in.read(buffer)) > 0) {
                chunks.put(Arrays.copyOf(buffer, n));
            }
        } catch (IOException | InterruptedException e) {
            // Treated as end of input.
        }
        chunks.offer(END);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position == chunk.length) {
            if (chunk == END || ended && chunks.isEmpty()) {
                return -1;
            }
            try {
                chunk = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            position = 0;
            if (chunk == END) {
                return -1;
            }
        }
        int n = Math.min(len, chunk.length - position);
        System.arraycopy(chunk, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }
}
