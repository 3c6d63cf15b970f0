package org.flowmeter.flow;

import org.flowmeter.feature.HostContextFeatures;

/** Test helper: a flow's host-context start counts, read by name from its only feature set. */
public final class ContextCounts {
    private ContextCounts() {
    }

    public static int[] of(Flow flow) {
        var v = new HostContextFeatures().valuesByName(flow.features(0));
        String[] starts = {"ctxPairFlows", "ctxSrcFlows", "ctxSrcHosts", "ctxSrcServices", "ctxDstFlows", "ctxDstSources"};
        int[] c = new int[starts.length];
        for (int i = 0; i < starts.length; i++) {
            c[i] = v.get(starts[i]).intValue();
        }
        return c;
    }
}
