package org.flowmeter.output;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.flowmeter.flow.Flow;

/**
 * Formats and writes rows on a thread of its own, so the flow thread only hands ended flows
 * over. Most flows end together when the input ends, and formatting them then was a serial tail
 * of the run. Ended flows are no longer changed by the meter, so handing them over is safe. Rows
 * keep their order; a write error surfaces at the next {@link #write} or at {@link #close}.
 */
public final class BackgroundFlowWriter implements FlowWriter {
    private static final int QUEUE = 4096;
    /** Sentinel: a queue cannot hold null. */
    private static final Object END_OF_ROWS = new Object();

    private final FlowWriter delegate;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread thread;
    private volatile Throwable failure;
    private long rows;
    private boolean closed;

    public BackgroundFlowWriter(FlowWriter delegate) {
        this.delegate = delegate;
        this.thread = new Thread(this::drain, "row-writer");
        thread.setDaemon(true);
        thread.start();
    }

    private void drain() {
        try {
            while (true) {
                Object next = queue.take();
                if (next == END_OF_ROWS) {
                    return;
                }
                if (failure == null) {
                    delegate.write((Flow) next);
                }
            }
        } catch (Throwable t) {
            failure = t;
            // Keep taking so the producer never blocks on a full queue after a failure.
            drainQuietly();
        }
    }

    private void drainQuietly() {
        try {
            while (queue.take() != END_OF_ROWS) {
                // discard
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void write(Flow flow) throws IOException {
        rethrow();
        try {
            queue.put(Objects.requireNonNull(flow, "flow"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing a row to the writer");
        }
        rows++;
    }

    @Override
    public long rows() {
        return rows;
    }

    /** Waits until every row handed over is written, then closes the underlying writer. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(END_OF_ROWS);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finishing the rows");
        } finally {
            delegate.close();
        }
        rethrow();
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        if (t == null) {
            return;
        }
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof UncheckedIOException u) {
            throw u.getCause();
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        throw new IOException(t);
    }
}
