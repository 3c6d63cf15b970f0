package org.flowmeter.cli;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** Opens "-" as stdout and anything else as a file, buffered. */
final class OutputFiles {
    private static final int BUFFER = 1 << 20;

    private OutputFiles() {
    }

    static Writer writer(String target) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(stream(target), StandardCharsets.UTF_8), BUFFER);
    }

    static OutputStream stream(String target) throws IOException {
        OutputStream out = "-".equals(target) ? new NonClosingStream(System.out) : new FileOutputStream(target);
        return new BufferedOutputStream(out, BUFFER);
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
