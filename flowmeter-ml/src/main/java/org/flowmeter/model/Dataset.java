package org.flowmeter.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A labelled feature matrix: one row per flow, label 1 = malicious, 0 = benign.
 *
 * <p>Rows are held by reference (not deep-copied) because training sets can hold millions of
 * flows; callers must not modify them afterwards.
 */
public final class Dataset {
    public static final int BENIGN = 0;
    public static final int MALICIOUS = 1;

    private final String[] featureNames;
    private final double[][] rows;
    private final int[] labels;
    /** Which input each row came from (a capture or flow table), or null when not known. */
    private final int[] groups;

    /** The result of {@link #dropNonFinite()}: the clean dataset and how many rows were removed. */
    public record Cleaned(Dataset dataset, int dropped) {}

    public Dataset(String[] featureNames, double[][] rows, int[] labels) {
        this(featureNames, rows, labels, null);
    }

    /**
     * @param groups for each row, the input it came from (rows of one group are kept together by
     *               grouped splits), or null
     */
    public Dataset(String[] featureNames, double[][] rows, int[] labels, int[] groups) {
        Objects.requireNonNull(featureNames, "featureNames");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(labels, "labels");
        if (rows.length != labels.length) {
            throw new IllegalArgumentException(
                    "rows and labels differ in length: " + rows.length + " vs " + labels.length);
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != featureNames.length) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length
                        + " values but there are " + featureNames.length + " features");
            }
            if (labels[i] != BENIGN && labels[i] != MALICIOUS) {
                throw new IllegalArgumentException("row " + i + " has label " + labels[i] + ", expected 0 or 1");
            }
        }
        if (groups != null && groups.length != labels.length) {
            throw new IllegalArgumentException(
                    "groups and labels differ in length: " + groups.length + " vs " + labels.length);
        }
        this.featureNames = featureNames.clone();
        this.rows = rows;
        this.labels = labels;
        this.groups = groups;
    }

    /** The same labels and groups with other rows (for example transformed ones). */
    public Dataset withRows(double[][] newRows) {
        return new Dataset(featureNames, newRows, labels, groups);
    }

    /** The backing group of each row, not a copy; null when the rows' inputs are not known. */
    public int[] groups() {
        return groups;
    }

    public String[] featureNames() {
        return featureNames.clone();
    }

    public int featureCount() {
        return featureNames.length;
    }

    public int size() {
        return rows.length;
    }

    /** The row itself, not a copy. */
    public double[] row(int i) {
        return rows[i];
    }

    public int label(int i) {
        return labels[i];
    }

    /** The backing rows, not a copy. */
    public double[][] rows() {
        return rows;
    }

    /** The backing labels, not a copy. */
    public int[] labels() {
        return labels;
    }

    public int count(int label) {
        int n = 0;
        for (int l : labels) {
            if (l == label) {
                n++;
            }
        }
        return n;
    }

    public int countMalicious() {
        return count(MALICIOUS);
    }

    public int countBenign() {
        return count(BENIGN);
    }

    /** The rows at the given indices, in that order. */
    public Dataset subset(int[] indices) {
        double[][] r = new double[indices.length][];
        int[] l = new int[indices.length];
        int[] g = groups == null ? null : new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            r[i] = rows[indices[i]];
            l[i] = labels[indices[i]];
            if (g != null) {
                g[i] = groups[indices[i]];
            }
        }
        return new Dataset(featureNames, r, l, g);
    }

    /** Removes rows holding NaN or an infinity (for example a rate over a zero duration). */
    public Cleaned dropNonFinite() {
        int[] keep = new int[rows.length];
        int kept = 0;
        for (int i = 0; i < rows.length; i++) {
            if (isFinite(rows[i])) {
                keep[kept++] = i;
            }
        }
        return new Cleaned(subset(Arrays.copyOf(keep, kept)), rows.length - kept);
    }

    private static boolean isFinite(double[] row) {
        for (double v : row) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
