package org.flowmeter.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Keeps at most a given number of one class's rows from each group (input), chosen at random with
 * a seed: a flood capture holds tens of thousands of near-identical flows, and a training set that
 * is three quarters such flows teaches a prior no real network has. Rows of the other class, and
 * groups under the cap, are all kept. The rows that stay keep their features, which were computed
 * on the whole capture (a sampled flood flow still sees the flood around it).
 */
public final class GroupCap {
    private GroupCap() {
    }

    /** Indices of the rows kept, in increasing order. */
    public static int[] keep(int[] labels, int[] groups, int cappedLabel, int max, long seed) {
        if (max < 1) {
            throw new IllegalArgumentException("the cap must be at least 1, is " + max);
        }
        if (groups == null || groups.length != labels.length) {
            throw new IllegalArgumentException("capping rows per input needs each row's input");
        }
        Map<Integer, List<Integer>> capped = new LinkedHashMap<>();
        boolean[] kept = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == cappedLabel) {
                capped.computeIfAbsent(groups[i], g -> new ArrayList<>()).add(i);
            } else {
                kept[i] = true;
            }
        }
        for (Map.Entry<Integer, List<Integer>> e : capped.entrySet()) {
            List<Integer> rows = e.getValue();
            if (rows.size() > max) {
                // One seeded stream per group, so a group's sample does not depend on the others.
                Collections.shuffle(rows, new Random(seed * 1_000_003L + e.getKey()));
            }
            for (int k = 0; k < Math.min(max, rows.size()); k++) {
                kept[rows.get(k)] = true;
            }
        }
        int[] out = new int[labels.length];
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (kept[i]) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
