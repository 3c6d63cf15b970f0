package org.flowmeter.output;

import java.io.IOException;
import java.io.OutputStream;
import org.flowmeter.feature.Column;
import org.flowmeter.feature.RowWriter;
import org.flowmeter.flow.Flow;

/** CSV with a header row; fields are quoted only when they need to be (RFC 4180). */
public final class CsvFlowWriter implements RowFormatting, RowWriter {
    private final OutputStream out;
    private final RowSchema columns;
    private final TextBuffer line = new TextBuffer();
    private boolean firstField;
    private long rows;

    /** Writes UTF-8 to {@code out}, which should be buffered. */
    public CsvFlowWriter(OutputStream out, RowSchema columns) throws IOException {
        this(columns, out);
        TextBuffer header = new TextBuffer();
        for (Column c : columns.columns()) {
            if (header.length() > 0) {
                header.append(',');
            }
            appendField(header, c.name());
        }
        header.append('\n').writeTo(out);
    }

    /** Rows only, no header: a twin that formats rows for another writer ({@link #rowsInto}). */
    private CsvFlowWriter(RowSchema columns, OutputStream out) {
        this.out = out;
        this.columns = columns;
    }

    @Override
    public FlowWriter rowsInto(OutputStream target) {
        return new CsvFlowWriter(columns, target);
    }

    @Override
    public void writeFormatted(byte[] bytes, int length, int formattedRows) throws IOException {
        out.write(bytes, 0, length);
        rows += formattedRows;
    }

    @Override
    public void write(Flow flow) throws IOException {
        line.clear();
        firstField = true;
        columns.write(flow, this);
        line.append('\n');
        line.writeTo(out);
        rows++;
    }

    private void separator() {
        if (!firstField) {
            line.append(',');
        }
        firstField = false;
    }

    @Override
    public void string(String value) {
        separator();
        appendField(line, value);
    }

    @Override
    public void integer(long value) {
        separator();
        line.append(value);
    }

    @Override
    public void real(double value) {
        separator();
        if (Double.isFinite(value)) {
            Numbers.append(line, value);
        }
    }

    /** Epoch seconds with six decimals, as Zeek writes times. */
    @Override
    public void timestamp(long epochNanos) {
        separator();
        Timestamps.appendEpochSeconds(line, epochNanos);
    }

    static void appendField(TextBuffer sb, String s) {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            sb.append(s);
            return;
        }
        sb.append('"').append(s.replace("\"", "\"\"")).append('"');
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
