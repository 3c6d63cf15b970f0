package org.flowmeter.feature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.flowmeter.flow.Flow;

/**
 * Picks named features, in a model's order, out of the feature sets a flow carries. Built once;
 * {@link #fill} allocates nothing. For a model that reads only some of its features, only those
 * are computed: each set is asked for the columns read, and a set none of whose columns is read
 * is not asked at all.
 */
public final class FeatureVector {
    private final int[] sourceIndex;
    /** Positions (in the model's order) of the features written by {@link #fill}. */
    private final int[] readPositions;
    private final double[] all;
    private final int[] setOffsets;
    /** Per set, the positions among its columns to compute (ascending); empty: the set is skipped. */
    private final int[][] setColumns;

    /**
     * Every feature named is read.
     *
     * @throws IllegalArgumentException naming every feature that none of the sets computes
     */
    public FeatureVector(List<FeatureSet> sets, List<String> names) {
        this(sets, names, null);
    }

    /**
     * @param read per name, whether it is read (null: every one); unread names need no set that
     *             computes them, and {@link #fill} leaves their places as they are
     * @throws IllegalArgumentException naming every feature read that none of the sets computes
     */
    public FeatureVector(List<FeatureSet> sets, List<String> names, boolean[] read) {
        if (read != null && read.length != names.size()) {
            throw new IllegalArgumentException("read flags for " + read.length + " of " + names.size() + " features");
        }
        Map<String, Integer> position = new HashMap<>();
        setOffsets = new int[sets.size() + 1];
        int offset = 0;
        for (int s = 0; s < sets.size(); s++) {
            setOffsets[s] = offset;
            for (Column c : sets.get(s).columns()) {
                position.putIfAbsent(c.name(), offset);
                offset++;
            }
        }
        setOffsets[sets.size()] = offset;
        all = new double[offset];
        boolean[] computed = new boolean[offset];
        sourceIndex = new int[names.size()];
        List<Integer> readList = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (read != null && !read[i]) {
                continue;
            }
            Integer p = position.get(names.get(i));
            if (p == null) {
                missing.add(names.get(i));
            } else {
                sourceIndex[i] = p;
                computed[p] = true;
                readList.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("features not computed by the chosen feature sets: " + missing);
        }
        readPositions = readList.stream().mapToInt(Integer::intValue).toArray();
        setColumns = new int[sets.size()][];
        for (int s = 0; s < sets.size(); s++) {
            int from = setOffsets[s];
            setColumns[s] = IntStream.range(0, setOffsets[s + 1] - from)
                    .filter(c -> computed[from + c]).toArray();
        }
    }

    public int size() {
        return sourceIndex.length;
    }

    /** Writes the flow's current values of the chosen features (those read) into {@code out}. */
    public void fill(Flow flow, double[] out) {
        for (int s = 0; s < setColumns.length; s++) {
            if (setColumns[s].length > 0) {
                flow.features(s).values(all, setOffsets[s], setColumns[s]);
            }
        }
        for (int i : readPositions) {
            out[i] = all[sourceIndex[i]];
        }
    }

    @Override
    public String toString() {
        return "FeatureVector[" + readPositions.length + " of " + sourceIndex.length + " read, columns per set "
                + Arrays.deepToString(setColumns) + "]";
    }
}
