package org.flowmeter.detect;

import org.flowmeter.flow.Flow;

/**
 * A flood from many sources to one host (spoofed sources, reflection, a botnet): within the
 * window, failed or unanswered flows of one protocol to that host from many distinct sources
 * ({@link DetectorConfig#floodSources}), and many of them ({@link DetectorConfig#floodSourceFlows}).
 * A busy server is left alone because its clients are answered. Covers every flow of that
 * protocol to the host in the flood's span.
 */
public final class ManySourcesFloodDetector implements Detector {
    public static final String NAME = "flood-many-sources";
    private static final int FLOWS = 0;

    private final int sourceThreshold;
    private final int flowThreshold;
    private final KeyTable targets;
    private final SlotWindows windows;

    public ManySourcesFloodDetector(DetectorConfig config) {
        this.sourceThreshold = config.floodSources;
        this.flowThreshold = config.floodSourceFlows;
        this.targets = new KeyTable(config.tableSize);
        this.windows = new SlotWindows(targets.slots(), config.floodWindow.toNanos(), 1, config.floodSources);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow flow, FlowFacts facts) {
        if (!facts.failed(flow.protocol) || AddressKinds.isGroup(flow.ipVersion, flow.dstHi, flow.dstLo)) {
            return;
        }
        long t = flow.firstNanos();
        int slot = targets.findOrAdd(flow.dstHi, flow.dstLo, 0, 0, Keys.service(flow.ipVersion, flow.protocol, 0), t);
        if (targets.fresh()) {
            windows.reset(slot);
        }
        windows.roll(slot, t);
        windows.add(slot, FLOWS, 1);
        windows.mark(slot, KeyTable.mix(flow.srcHi) ^ flow.srcLo);
        windows.counted(slot, t);
        if (windows.sum(slot, FLOWS) >= flowThreshold && windows.distinct(slot) >= sourceThreshold) {
            targets.flag(slot, windows.firstStart(slot), t);
        } else if (targets.flagged(slot) && t <= targets.flaggedUntil(slot) + windows.window()) {
            targets.flag(slot, t, t);
        }
    }

    @Override
    public boolean covers(Flow flow) {
        int slot = targets.find(flow.dstHi, flow.dstLo, 0, 0, Keys.service(flow.ipVersion, flow.protocol, 0));
        return targets.covers(slot, flow.firstNanos());
    }

    @Override
    public long distinctValueBytes() {
        return windows.valueSetsBytes();
    }

    @Override
    public long evictions() {
        return targets.evictions();
    }
}
