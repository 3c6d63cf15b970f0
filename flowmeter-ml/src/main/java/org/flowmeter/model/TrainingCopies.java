package org.flowmeter.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * Extra rows for fitting only, each a variant of one row of a dataset (for example the same flow
 * seen in a thinned copy of its capture). A copy goes wherever its original goes: it is fitted on
 * in every fold and split that fits on the original, and it is never scored, so no figure is
 * measured on a twin of a row the model was fitted on.
 */
public final class TrainingCopies {
    private final Dataset rows;
    private final int[] copyOf;

    /**
     * @param rows   the copies, with the dataset's feature names
     * @param copyOf for each copy, the index of its original in the dataset the copies belong to
     */
    public TrainingCopies(Dataset rows, int[] copyOf) {
        this.rows = Objects.requireNonNull(rows, "rows");
        this.copyOf = Objects.requireNonNull(copyOf, "copyOf");
        if (copyOf.length != rows.size()) {
            throw new IllegalArgumentException("copies and originals differ in length: " + rows.size() + " vs "
                    + copyOf.length);
        }
    }

    public static TrainingCopies none(String[] featureNames) {
        return new TrainingCopies(new Dataset(featureNames, new double[0][], new int[0]), new int[0]);
    }

    public int size() {
        return copyOf.length;
    }

    public Dataset rows() {
        return rows;
    }

    /** The index of copy {@code i}'s original. */
    public int copyOf(int i) {
        return copyOf[i];
    }

    /**
     * The copies of the rows picked from the dataset by {@code indices} (a subset, as by
     * {@link Dataset#subset}), renumbered to point into that subset; copies of rows not picked
     * are left out.
     */
    public TrainingCopies of(int[] indices, int datasetSize) {
        int[] position = new int[datasetSize];
        Arrays.fill(position, -1);
        for (int i = 0; i < indices.length; i++) {
            position[indices[i]] = i;
        }
        int[] keep = new int[copyOf.length];
        int[] renumbered = new int[copyOf.length];
        int kept = 0;
        for (int i = 0; i < copyOf.length; i++) {
            int p = position[copyOf[i]];
            if (p >= 0) {
                keep[kept] = i;
                renumbered[kept++] = p;
            }
        }
        return new TrainingCopies(rows.subset(Arrays.copyOf(keep, kept)), Arrays.copyOf(renumbered, kept));
    }

    /** The dataset's rows followed by the copies (groups are dropped: they are for splitting, done before). */
    public Dataset appendTo(Dataset data) {
        if (copyOf.length == 0) {
            return data;
        }
        if (!Arrays.equals(data.featureNames(), rows.featureNames())) {
            throw new IllegalArgumentException("copies and dataset have different features");
        }
        int n = data.size();
        double[][] r = Arrays.copyOf(data.rows(), n + copyOf.length);
        int[] l = Arrays.copyOf(data.labels(), n + copyOf.length);
        for (int i = 0; i < copyOf.length; i++) {
            r[n + i] = rows.row(i);
            l[n + i] = rows.label(i);
        }
        return new Dataset(data.featureNames(), r, l);
    }

    /**
     * A split of the dataset widened to the rows of {@link #appendTo}: the copies of its fitting
     * rows join them (at {@code datasetSize + i}); the scored part stays as it is.
     */
    public StratifiedSplit.Split widen(StratifiedSplit.Split split, int datasetSize) {
        if (copyOf.length == 0) {
            return split;
        }
        boolean[] fitted = new boolean[datasetSize];
        for (int i : split.train()) {
            fitted[i] = true;
        }
        int[] train = Arrays.copyOf(split.train(), split.train().length + copyOf.length);
        int n = split.train().length;
        for (int i = 0; i < copyOf.length; i++) {
            if (fitted[copyOf[i]]) {
                train[n++] = datasetSize + i;
            }
        }
        return new StratifiedSplit.Split(Arrays.copyOf(train, n), split.test());
    }

    /** Copies with other (for example transformed) rows. */
    public TrainingCopies withRows(double[][] newRows) {
        return new TrainingCopies(rows.withRows(newRows), copyOf);
    }
}
