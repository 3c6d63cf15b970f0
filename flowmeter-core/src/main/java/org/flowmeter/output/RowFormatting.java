package org.flowmeter.output;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A text writer whose rows can be formatted on another thread: a twin formats them into bytes,
 * and the writer puts those bytes out in its own order ({@link RowsOnTwoThreads}).
 */
public interface RowFormatting extends FlowWriter {
    /** A writer of the same rows into {@code out}, without what precedes the first row (a header). */
    FlowWriter rowsInto(OutputStream out);

    /** Puts out {@code rows} rows a twin from {@link #rowsInto} formatted, as though they were written here. */
    void writeFormatted(byte[] bytes, int length, int rows) throws IOException;
}
