package org.flowmeter.flow;

import org.flowmeter.feature.HostContextFeatures;

/** Test helper: a flow's host-context start counts (the first six values of its only feature set). */
public final class ContextCounts {
    private ContextCounts() {
    }

    public static int[] of(Flow flow) {
        double[] v = new double[new HostContextFeatures().columns().size()];
        flow.features(0).values(v, 0);
        int[] c = new int[6];
        for (int i = 0; i < 6; i++) {
            c[i] = (int) v[i];
        }
        return c;
    }
}
