package org.flowmeter.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.engine.FlowEngine;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowJoiner;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.flow.FlowPipeline;
import org.flowmeter.pcap.PacketSource;

/**
 * The work of one task: every flow of one capture file, each as a finished row or, when the
 * file's start or end may have cut it, as a serialized segment for the join.
 */
final class FileFlows {
    private FileFlows() {
    }

    static List<FlowPiece> extract(String file, ExtractSettings settings) throws IOException {
        List<Flow> flows = new ArrayList<>();
        FlowEngine engine = FlowEngine.of(settings.flow(), flows::add);
        FlowMeter meter = engine.meter();
        FlowPipeline pipeline = engine.pipeline();
        try (PacketSource source = InputFiles.open(file)) {
            pipeline.run(source, null);
        }
        meter.finish();
        return pieces(flows, pipeline.firstPacketNanos(), settings);
    }

    /** Splits one file's flows into complete rows and possibly cut segments. */
    static List<FlowPiece> pieces(List<Flow> flows, long fileStartNanos, ExtractSettings settings) {
        FlowJoiner joiner = new FlowJoiner(settings.config());
        FlowRows rows = new FlowRows(settings.featureSets());
        List<FlowPiece> out = new ArrayList<>(flows.size() + 1);
        long lastNanos = Long.MIN_VALUE;
        for (Flow f : flows) {
            lastNanos = Math.max(lastNanos, f.lastNanos());
            if (FlowJoiner.mayContinue(f) || joiner.mayBeContinuation(f, fileStartNanos)) {
                out.add(FlowPiece.cut(FlowKeys.of(f), FlowBytes.write(f)));
            } else if (f.packets() >= settings.minPackets()) {
                out.add(FlowPiece.complete(rows.toRow(f)));
            }
        }
        out.add(FlowPiece.fileEnd(lastNanos));
        return out;
    }
}
