package org.flowmeter.cli;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Opens "-" as stdout and anything else as a file, buffered. Every failed write is an
 * IOException naming the target (a full disk, a closed pipe): never swallowed as a PrintStream
 * would. Flow tables are also flushed every {@link PeriodicFlush#INTERVAL_MILLIS} so that a
 * killed process leaves the rows of all but its last seconds.
 */
final class OutputFiles {
    private static final int BUFFER = 1 << 20;
    /** Write stdout through its file descriptor (set by the process entry point; tests keep System.out). */
    private static volatile boolean stdoutByDescriptor;

    private OutputFiles() {
    }

    /** The process's own stdout is written through its descriptor, so write errors carry the system's reason. */
    static void writeStdoutByDescriptor() {
        stdoutByDescriptor = true;
    }

    static Writer writer(String target) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(stream(target), StandardCharsets.UTF_8), BUFFER);
    }

    static OutputStream stream(String target) throws IOException {
        return new BufferedOutputStream(unbuffered(target), BUFFER);
    }

    /** A buffered stream that a background thread flushes every few seconds until it is closed. */
    static OutputStream flushedPeriodically(String target) throws IOException {
        return PeriodicFlush.register(unbuffered(target), BUFFER);
    }

    private static OutputStream unbuffered(String target) throws IOException {
        if (!"-".equals(target)) {
            return new NamedStream(new FileOutputStream(target), target);
        }
        OutputStream stdout = stdoutByDescriptor ? new FileOutputStream(FileDescriptor.out) : new CheckedPrintStream(System.out);
        return new NamedStream(new NonClosingStream(stdout), "standard output");
    }

    /** Adds the target's name to the reason of a failed write. */
    private static final class NamedStream extends java.io.FilterOutputStream {
        private final String name;

        NamedStream(OutputStream out, String name) {
            super(out);
            this.name = name;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        private IOException failed(IOException e) {
            return new IOException("cannot write to " + name + ": " + (e.getMessage() == null ? e : e.getMessage()), e);
        }
    }

    /** A PrintStream (System.out replaced, as in tests) whose error flag becomes an exception. */
    private static final class CheckedPrintStream extends java.io.FilterOutputStream {
        CheckedPrintStream(PrintStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            check();
        }

        @Override
        public void flush() throws IOException {
            check();
        }

        private void check() throws IOException {
            if (((PrintStream) out).checkError()) {
                throw new IOException("write failed");
            }
        }
    }

    /** Closing the writer flushes stdout but leaves it open for the summary and later output. */
    private static final class NonClosingStream extends java.io.FilterOutputStream {
        NonClosingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
