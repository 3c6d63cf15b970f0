package org.flowmeter.output;

import java.io.Closeable;
import java.io.IOException;
import org.flowmeter.flow.Flow;

/** Writes flow rows in some format. */
public interface FlowWriter extends Closeable {
    void write(Flow flow) throws IOException;

    /** Rows written so far. */
    long rows();
}
