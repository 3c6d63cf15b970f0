package org.flowmeter.spark;

import java.io.Serializable;
import org.apache.spark.sql.Row;

/**
 * What one file's task hands on: the finished output row of a complete flow; a flow that a file
 * boundary may have cut, serialized and keyed by its 5-tuple for the join; or, once per file,
 * the time of its last flow packet (the latest over all files is where the input ends).
 */
final class FlowPiece implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Output row of a complete flow, else null. */
    final Row row;
    /** Canonical 5-tuple of a cut flow, else null. */
    final String key;
    /** The cut flow, Java-serialized. */
    final byte[] flow;
    /** For the per-file marker: time of the file's last flow packet. */
    final long lastNanos;

    private FlowPiece(Row row, String key, byte[] flow, long lastNanos) {
        this.row = row;
        this.key = key;
        this.flow = flow;
        this.lastNanos = lastNanos;
    }

    static FlowPiece complete(Row row) {
        return new FlowPiece(row, null, null, Long.MIN_VALUE);
    }

    static FlowPiece cut(String key, byte[] flow) {
        return new FlowPiece(null, key, flow, Long.MIN_VALUE);
    }

    static FlowPiece fileEnd(long lastNanos) {
        return new FlowPiece(null, null, null, lastNanos);
    }

    boolean isComplete() {
        return row != null;
    }

    boolean isCut() {
        return key != null;
    }
}
