package org.flowmeter.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowmeter.decode.SkipReason;
import org.flowmeter.flow.EmptyInputReason;
import org.flowmeter.flow.FlowPipeline;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.SequenceSource;

/**
 * Names every input that gave no flow and why: it had no packets, or every packet was skipped
 * (an undecodable link type, no IP, ...), read from the decoder's counts over that input.
 */
final class EmptyInputs {
    private final FlowPipeline pipeline;
    private final List<Map<String, String>> found = new ArrayList<>();
    private long decodedBefore;
    private final long[] skippedBefore = new long[SkipReason.values().length];

    EmptyInputs(FlowPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Watches each input of {@code source} as it is read (a single input is one part too). */
    void watch(PacketSource source) {
        if (source.unwrapped() instanceof SequenceSource sequence) {
            sequence.observeParts(this::partEnded);
        }
    }

    private void partEnded(String name, long packets, int lastLinkType) {
        long decoded = pipeline.decoded() - decodedBefore;
        decodedBefore = pipeline.decoded();
        long[] skipped = new long[skippedBefore.length];
        for (SkipReason r : SkipReason.values()) {
            long now = pipeline.skipped(r);
            skipped[r.ordinal()] = now - skippedBefore[r.ordinal()];
            skippedBefore[r.ordinal()] = now;
        }
        if (decoded == 0) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("input", name);
            entry.put("reason", EmptyInputReason.of(packets, skipped, lastLinkType));
            found.add(entry);
        }
    }

    /** Each input without flows, with its reason. */
    List<Map<String, String>> found() {
        return found;
    }

    void print(PrintStream err) {
        for (Map<String, String> f : found) {
            err.println(f.get("input") + ": no flows: " + f.get("reason"));
        }
    }
}
