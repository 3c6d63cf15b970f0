package org.flowmeter.training;

import org.flowmeter.engine.OptionException;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.model.Metrics;

/**
 * Where the decision threshold comes from: 0.5, a given value, or read off the training split's
 * cross-validated scores (the highest with recall at least R, or the lowest with false-positive
 * rate at most F). In-sample scores of the final model are optimistic, so a threshold set on
 * them would let through more false positives on new data.
 */
public record OperatingPoint(Kind kind, double value) {
    /** The four ways. */
    public enum Kind { DEFAULT, FIXED, RECALL, FPR }

    public static final OperatingPoint DEFAULT = new OperatingPoint(Kind.DEFAULT, LogisticModel.DEFAULT_THRESHOLD);

    public OperatingPoint {
        if (kind == null) {
            throw new OptionException("no operating point");
        }
        if (kind == Kind.RECALL ? !(value > 0 && value <= 1) : !(value >= 0 && value <= 1)) {
            throw new OptionException(option(kind) + " must be within " + (kind == Kind.RECALL ? "(0, 1]" : "[0, 1]")
                    + ", not " + value);
        }
    }

    /** From the three exclusive options (at most one non-null). */
    public static OperatingPoint of(Double fixed, Double recall, Double fpr) {
        int given = (fixed != null ? 1 : 0) + (recall != null ? 1 : 0) + (fpr != null ? 1 : 0);
        if (given > 1) {
            throw new OptionException("--threshold, --threshold-for-recall and --threshold-for-fpr are mutually exclusive");
        }
        return fixed != null ? new OperatingPoint(Kind.FIXED, fixed)
                : recall != null ? new OperatingPoint(Kind.RECALL, recall)
                : fpr != null ? new OperatingPoint(Kind.FPR, fpr) : DEFAULT;
    }

    /** Whether the threshold is read off cross-validated scores. */
    public boolean needsOutOfFoldScores() {
        return kind == Kind.RECALL || kind == Kind.FPR;
    }

    /** The threshold; {@code outOfFold} are the cross-validated scores of rows labelled {@code labels} (null unless needed). */
    public double threshold(int[] labels, double[] outOfFold) {
        return switch (kind) {
            case DEFAULT, FIXED -> value;
            case RECALL -> Metrics.thresholdForRecall(labels, outOfFold, value);
            case FPR -> Metrics.thresholdForFpr(labels, outOfFold, value);
        };
    }

    private static String option(Kind kind) {
        return switch (kind) {
            case DEFAULT, FIXED -> "--threshold";
            case RECALL -> "--threshold-for-recall";
            case FPR -> "--threshold-for-fpr";
        };
    }
}
