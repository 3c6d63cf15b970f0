package org.flowmeter.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flowmeter.flow.Flow;

/**
 * Writes rows through another writer; from {@link #formatOnTwoThreads()} on, rows are gathered in
 * chunks, each chunk is formatted into bytes on a second thread or, when that one has enough to
 * do, on the calling thread, and the chunks are put out in the order their rows came. For the
 * rows written after the last packet, when every flow that waited is released at once and the
 * calling thread would otherwise be the only one busy. Only text writers ({@link RowFormatting})
 * can be split; any other writer is written through as it is.
 */
public final class RowsOnTwoThreads implements FlowWriter {
    /** Rows per chunk, at most: a chunk of verdict rows is about 64 KB of text. */
    static final int CHUNK_ROWS = 256;
    /** Chunks handed to the second thread and not yet formatted, at most (one formats, one waits). */
    private static final int HANDED_AT_MOST = 2;
    /** Chunks formatted or being formatted and not yet put out, at most. */
    private static final int PENDING_AT_MOST = 4;

    private final FlowWriter plain;
    private final RowFormatting text;
    private int chunkRows;
    private final ArrayDeque<Chunk> pending = new ArrayDeque<>();
    private final ArrayDeque<Chunk> spare = new ArrayDeque<>();
    private Chunk filling;
    private Twin own;
    private Twin theirs;
    private ExecutorService second;
    /** Set by one thread while another may still be writing (the decision thread, until it is joined). */
    private volatile boolean split;

    public RowsOnTwoThreads(FlowWriter plain) {
        this.plain = plain;
        this.text = plain instanceof RowFormatting r ? r : null;
    }

    /**
     * From now on rows are formatted on two threads (nothing changes for a writer that is not a
     * text writer). The calling thread must be the only one writing from now on, or the one
     * writing must hand over to it through a happens-before edge (a join).
     *
     * @param maxFlows the most flows the chunks may hold at once, all together (in classify the
     *                 flow table's share of the memory cap: the table is empty once the input ended);
     *                 below one row per chunk rows are written as before
     */
    public void formatOnTwoThreads(int maxFlows) {
        if (text == null || split || maxFlows < PENDING_AT_MOST + 1) {
            return;
        }
        chunkRows = Math.max(1, Math.min(CHUNK_ROWS, maxFlows / (PENDING_AT_MOST + 1)));
        own = new Twin(text);
        theirs = new Twin(text);
        second = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "row-formatting");
            t.setDaemon(true);
            return t;
        });
        split = true;
    }

    /** Flows the chunks hold at most (formatted, being formatted and the one being filled); 0 without a split. */
    public int maxFlowsHeld() {
        return (PENDING_AT_MOST + 1) * chunkRows;
    }

    @Override
    public void write(Flow flow) throws IOException {
        if (!split) {
            plain.write(flow);
            return;
        }
        if (filling == null) {
            filling = spare.isEmpty() ? new Chunk(chunkRows) : spare.poll();
        }
        filling.flows[filling.size++] = flow;
        if (filling.size == chunkRows) {
            dispatch(filling);
            filling = null;
        }
    }

    private void dispatch(Chunk c) throws IOException {
        if (handedOut() < HANDED_AT_MOST) {
            c.formatted = second.submit(() -> theirs.format(c));
        } else {
            own.format(c);
            c.formatted = null;
        }
        pending.add(c);
        while (!pending.isEmpty() && (pending.size() >= PENDING_AT_MOST || isFormatted(pending.peek()))) {
            putOut(pending.poll());
        }
    }

    private int handedOut() {
        int n = 0;
        for (Chunk c : pending) {
            if (c.formatted != null && !c.formatted.isDone()) {
                n++;
            }
        }
        return n;
    }

    private static boolean isFormatted(Chunk c) {
        return c.formatted == null || c.formatted.isDone();
    }

    /** Waits for the chunk's formatting if it is not done, puts its bytes out and keeps it for reuse. */
    private void putOut(Chunk c) throws IOException {
        if (c.formatted != null) {
            try {
                c.formatted.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while formatting rows", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IOException(cause);
            }
            c.formatted = null;
        }
        text.writeFormatted(c.bytes, c.length, c.size);
        c.size = 0;
        c.length = 0;
        spare.add(c);
    }

    @Override
    public long rows() {
        long waiting = filling == null ? 0 : filling.size;
        for (Chunk c : pending) {
            waiting += c.size;
        }
        return plain.rows() + waiting;
    }

    /** Puts out every row written, in order, then closes the writer. */
    @Override
    public void close() throws IOException {
        try {
            if (split) {
                if (filling != null && filling.size > 0) {
                    own.format(filling);
                    pending.add(filling);
                    filling = null;
                }
                while (!pending.isEmpty()) {
                    putOut(pending.poll());
                }
            }
        } finally {
            if (second != null) {
                second.shutdownNow();
            }
            plain.close();
        }
    }

    /** Flows to write and, once formatted, their rows' bytes. */
    private static final class Chunk extends OutputStream {
        final Flow[] flows;
        int size;
        byte[] bytes = new byte[1 << 16];
        int length;
        /** The second thread's formatting; null when formatted on the calling thread. */
        Future<?> formatted;

        Chunk(int rows) {
            flows = new Flow[rows];
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[length++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, length, len);
            length += len;
        }

        private void ensure(int extra) {
            if (length + extra > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
            }
        }
    }

    /** One thread's writer of rows into whichever chunk it formats. */
    private static final class Twin extends OutputStream {
        private final FlowWriter rows;
        private Chunk into;

        Twin(RowFormatting text) {
            this.rows = text.rowsInto(this);
        }

        void format(Chunk c) {
            into = c;
            c.length = 0;
            try {
                for (int i = 0; i < c.size; i++) {
                    rows.write(c.flows[i]);
                    c.flows[i] = null; // its row is made: the flow may go
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e); // writes to memory: not expected
            } finally {
                into = null;
            }
        }

        @Override
        public void write(int b) {
            into.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            into.write(b, off, len);
        }
    }
}
