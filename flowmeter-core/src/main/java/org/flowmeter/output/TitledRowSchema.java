package org.flowmeter.output;

import java.util.List;
import org.flowmeter.feature.Column;
import org.flowmeter.feature.RowWriter;
import org.flowmeter.flow.Flow;

/** A row schema whose columns are titled by a naming scheme; the values are the wrapped schema's. */
final class TitledRowSchema implements RowSchema {
    private final RowSchema schema;
    private final List<Column> columns;

    TitledRowSchema(RowSchema schema, NamingScheme scheme) {
        this.schema = schema;
        this.columns = schema.columns().stream()
                .map(c -> new Column(scheme.title(c.name()), c.type(), c.direction()))
                .toList();
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public void write(Flow flow, RowWriter out) {
        schema.write(flow, out);
    }
}
