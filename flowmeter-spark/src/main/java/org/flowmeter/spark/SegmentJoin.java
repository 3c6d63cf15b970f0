package org.flowmeter.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowJoiner;

/** Joins the segments of one 5-tuple from several files into the flows of one pass. */
final class SegmentJoin {
    private SegmentJoin() {
    }

    /**
     * @param segments     serialized segments of one 5-tuple, in any order
     * @param inputEndNanos time of the last flow packet over all files
     */
    static List<Row> rows(Iterable<byte[]> segments, long inputEndNanos, ExtractSettings settings) {
        List<Flow> flows = new ArrayList<>();
        for (byte[] s : segments) {
            flows.add(FlowBytes.read(s));
        }
        flows.sort(Comparator.comparingLong(Flow::firstNanos));
        FlowJoiner joiner = new FlowJoiner(settings.config());
        FlowRows rows = new FlowRows(settings.featureSets());
        List<Row> out = new ArrayList<>();
        for (Flow f : joiner.join(flows)) {
            joiner.endAtInputEnd(f, inputEndNanos);
            if (f.packets() >= settings.minPackets()) {
                out.add(rows.toRow(f));
            }
        }
        return out;
    }
}
