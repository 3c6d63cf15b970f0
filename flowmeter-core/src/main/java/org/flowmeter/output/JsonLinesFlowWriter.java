package org.flowmeter.output;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.flowmeter.feature.Column;
import org.flowmeter.feature.RowWriter;
import org.flowmeter.flow.Flow;

/** One JSON object per line, keys are the CSV column names; non-finite numbers become null. */
public final class JsonLinesFlowWriter implements RowFormatting, RowWriter {
    private final OutputStream out;
    private final RowSchema columns;
    private final String[] keys;
    private final TextBuffer line = new TextBuffer();
    private final StringBuilder scratch = new StringBuilder(64);
    private int field;
    private long rows;

    /** Writes UTF-8 to {@code out}, which should be buffered. */
    public JsonLinesFlowWriter(OutputStream out, RowSchema columns) {
        this.out = out;
        this.columns = columns;
        List<Column> cs = columns.columns();
        keys = new String[cs.size()];
        for (int i = 0; i < keys.length; i++) {
            StringBuilder k = new StringBuilder();
            appendString(k, cs.get(i).name());
            keys[i] = k.append(':').toString();
        }
    }

    @Override
    public FlowWriter rowsInto(OutputStream target) {
        return new JsonLinesFlowWriter(target, columns);
    }

    @Override
    public void writeFormatted(byte[] bytes, int length, int formattedRows) throws IOException {
        out.write(bytes, 0, length);
        rows += formattedRows;
    }

    @Override
    public void write(Flow flow) throws IOException {
        line.clear();
        line.append('{');
        field = 0;
        columns.write(flow, this);
        line.append("}\n");
        line.writeTo(out);
        rows++;
    }

    private void key() {
        if (field > 0) {
            line.append(',');
        }
        line.append(keys[field++]);
    }

    @Override
    public void string(String value) {
        key();
        scratch.setLength(0);
        appendString(scratch, value);
        line.append(scratch);
    }

    @Override
    public void integer(long value) {
        key();
        line.append(value);
    }

    @Override
    public void real(double value) {
        key();
        if (Double.isFinite(value)) {
            Numbers.append(line, value);
        } else {
            line.append("null");
        }
    }

    /** ISO 8601 in UTC, to the microsecond. */
    @Override
    public void timestamp(long epochNanos) {
        key();
        line.append('"').append(Timestamps.iso(epochNanos)).append('"');
    }

    static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
