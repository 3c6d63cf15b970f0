package org.flowmeter.output;

import java.util.List;
import org.flowmeter.feature.Column;
import org.flowmeter.feature.RowWriter;
import org.flowmeter.flow.Flow;

/** What a row of a flow table holds: its columns and how a flow fills them. */
public interface RowSchema {
    List<Column> columns();

    /** Writes the flow's values in the order of {@link #columns()}. */
    void write(Flow flow, RowWriter out);
}
