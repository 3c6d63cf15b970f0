package org.flowmeter.report;

/** The triage report's headline numbers, from the flows and what was read. */
record TriageSummary(long firstNanos, long lastNanos, long packets, long bytes, long flows,
        long flagged, long flaggedPackets, long flaggedBytes) {

    static TriageSummary of(TriageInput in) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long flagged = 0;
        long flaggedPackets = 0;
        long flaggedBytes = 0;
        for (TriageFlow f : in.flows()) {
            first = Math.min(first, f.startNanos());
            last = Math.max(last, f.endNanos());
            if (f.flagged()) {
                flagged++;
                flaggedPackets += f.packets();
                flaggedBytes += f.bytes();
            }
        }
        if (in.flows().isEmpty()) {
            first = 0;
            last = 0;
        }
        return new TriageSummary(first, last, in.packetsRead(), in.bytesRead(), in.flows().size(),
                flagged, flaggedPackets, flaggedBytes);
    }

    double spanSeconds() {
        return (lastNanos - firstNanos) / 1e9;
    }

    double flowShare() {
        return ThresholdSweep.ratio(flagged, flows);
    }

    double packetShare() {
        return ThresholdSweep.ratio(flaggedPackets, packets);
    }

    double byteShare() {
        return ThresholdSweep.ratio(flaggedBytes, bytes);
    }
}
