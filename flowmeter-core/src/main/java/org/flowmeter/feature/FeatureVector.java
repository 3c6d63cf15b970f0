package org.flowmeter.feature;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowmeter.flow.Flow;

/**
 * Picks named features, in a model's order, out of the feature sets a flow carries. Built once;
 * {@link #fill} allocates nothing.
 */
public final class FeatureVector {
    private final int[] sourceIndex;
    private final double[] all;
    private final int[] setOffsets;

    /**
     * @throws IllegalArgumentException naming every feature that none of the sets computes
     */
    public FeatureVector(List<FeatureSet> sets, List<String> names) {
        Map<String, Integer> position = new HashMap<>();
        setOffsets = new int[sets.size()];
        int offset = 0;
        for (int s = 0; s < sets.size(); s++) {
            setOffsets[s] = offset;
            for (Column c : sets.get(s).columns()) {
                position.putIfAbsent(c.name(), offset);
                offset++;
            }
        }
        all = new double[offset];
        sourceIndex = new int[names.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Integer p = position.get(names.get(i));
            if (p == null) {
                missing.add(names.get(i));
            } else {
                sourceIndex[i] = p;
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("features not computed by the chosen feature sets: " + missing);
        }
    }

    public int size() {
        return sourceIndex.length;
    }

    /** Writes the flow's current values of the chosen features into {@code out}. */
    public void fill(Flow flow, double[] out) {
        for (int s = 0; s < setOffsets.length; s++) {
            flow.features(s).values(all, setOffsets[s]);
        }
        for (int i = 0; i < sourceIndex.length; i++) {
            out[i] = all[sourceIndex[i]];
        }
    }
}
