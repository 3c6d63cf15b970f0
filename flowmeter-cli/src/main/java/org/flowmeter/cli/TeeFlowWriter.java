package org.flowmeter.cli;

import java.io.IOException;
import org.flowmeter.flow.Flow;
import org.flowmeter.output.FlowWriter;

/** Writes every flow to two writers; counts the first one's rows. */
final class TeeFlowWriter implements FlowWriter {
    private final FlowWriter first;
    private final FlowWriter second;

    TeeFlowWriter(FlowWriter first, FlowWriter second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public void write(Flow flow) throws IOException {
        first.write(flow);
        second.write(flow);
    }

    @Override
    public long rows() {
        return first.rows();
    }

    /** Closes both, the second even when the first fails. */
    @Override
    public void close() throws IOException {
        try {
            first.close();
        } finally {
            second.close();
        }
    }
}
