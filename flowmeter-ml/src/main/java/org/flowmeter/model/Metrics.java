package org.flowmeter.model;

/**
 * Classification metrics for the malicious class. Ratios whose denominator is 0 are defined as 0;
 * ROC AUC and average precision are NaN when one class is missing, as they are undefined then.
 */
public final class Metrics {
    private Metrics() {}

    public static EvaluationResult evaluate(int[] labels, double[] scores, double threshold) {
        return evaluate(labels, scores, threshold, null, null);
    }

    /**
     * @param packets per-flow packet counts, or null
     * @param bytes per-flow byte counts, or null
     */
    public static EvaluationResult evaluate(int[] labels, double[] scores, double threshold,
            long[] packets, long[] bytes) {
        checkLength("packets", packets, labels.length);
        checkLength("bytes", bytes, labels.length);
        ScoreCurve curve = ScoreCurve.of(labels, scores);
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        Shares packetShares = new Shares();
        Shares byteShares = new Shares();
        for (int i = 0; i < labels.length; i++) {
            boolean flagged = scores[i] >= threshold;
            boolean malicious = labels[i] == Dataset.MALICIOUS;
            if (flagged && malicious) {
                tp++;
            } else if (flagged) {
                fp++;
            } else if (malicious) {
                fn++;
            } else {
                tn++;
            }
            if (packets != null) {
                packetShares.add(packets[i], flagged, malicious);
            }
            if (bytes != null) {
                byteShares.add(bytes[i], flagged, malicious);
            }
        }
        long flows = labels.length;
        double precision = ratio(tp, tp + fp);
        double recall = ratio(tp, tp + fn);
        return new EvaluationResult(flows, tp, fp, tn, fn,
                ratio(tp + tn, flows), precision, recall, ratio(fp, fp + tn),
                precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
                rocAuc(curve), averagePrecision(curve),
                ratio(tp + fp, flows), ratio(tp, tp + fp),
                packets == null ? null : packetShares.forwardedShare(),
                bytes == null ? null : byteShares.forwardedShare(),
                packets == null ? null : packetShares.maliciousShare(),
                bytes == null ? null : byteShares.maliciousShare());
    }

    /** Sums a per-flow quantity (packets or bytes) over all, forwarded and truly malicious flows. */
    private static final class Shares {
        long all;
        long forwarded;
        long malicious;

        void add(long amount, boolean flagged, boolean isMalicious) {
            all += amount;
            if (flagged) {
                forwarded += amount;
            }
            if (isMalicious) {
                malicious += amount;
            }
        }

        /** Share of all traffic that would be sent on to the console. */
        double forwardedShare() {
            return ratio(forwarded, all);
        }

        /** Share of all traffic that truly belongs to malicious flows: the floor for forwarding. */
        double maliciousShare() {
            return ratio(malicious, all);
        }
    }

    /**
     * Area under the ROC curve: the probability that a random malicious flow scores higher than a
     * random benign one, ties counting one half (the Mann-Whitney U statistic).
     */
    public static double rocAuc(int[] labels, double[] scores) {
        return rocAuc(ScoreCurve.of(labels, scores));
    }

    private static double rocAuc(ScoreCurve c) {
        if (c.positives == 0 || c.negatives == 0) {
            return Double.NaN;
        }
        // Trapezoids between successive distinct thresholds: a tie group contributes half of
        // (its positives x its negatives), exactly the Mann-Whitney treatment of ties.
        double area = 0;
        long prevTp = 0;
        long prevFp = 0;
        for (int k = 0; k < c.size; k++) {
            area += (double) (c.fp[k] - prevFp) * (c.tp[k] + prevTp) / 2.0;
            prevTp = c.tp[k];
            prevFp = c.fp[k];
        }
        return area / ((double) c.positives * c.negatives);
    }

    /**
     * Average precision as scikit-learn's {@code average_precision_score} defines it: the sum over
     * distinct thresholds of (recall increase) x precision, without interpolation.
     */
    public static double averagePrecision(int[] labels, double[] scores) {
        return averagePrecision(ScoreCurve.of(labels, scores));
    }

    private static double averagePrecision(ScoreCurve c) {
        if (c.positives == 0 || c.negatives == 0) {
            return Double.NaN;
        }
        double ap = 0;
        long prevTp = 0;
        for (int k = 0; k < c.size; k++) {
            if (c.tp[k] != prevTp) {
                double precision = (double) c.tp[k] / (c.tp[k] + c.fp[k]);
                ap += (double) (c.tp[k] - prevTp) / c.positives * precision;
                prevTp = c.tp[k];
            }
        }
        return ap;
    }

    /**
     * The highest threshold (one of the scores) at which flagging {@code score >= threshold}
     * reaches a recall of at least {@code recall}.
     */
    public static double thresholdForRecall(int[] labels, double[] scores, double recall) {
        if (!(recall > 0 && recall <= 1)) {
            throw new IllegalArgumentException("recall must be within (0, 1], is " + recall);
        }
        ScoreCurve c = ScoreCurve.of(labels, scores);
        if (c.positives == 0) {
            throw new IllegalArgumentException("no malicious flows, recall is undefined");
        }
        for (int k = 0; k < c.size; k++) {
            if ((double) c.tp[k] / c.positives >= recall) {
                return c.thresholds[k];
            }
        }
        throw new IllegalStateException("recall 1 is always reached at the lowest score");
    }

    /**
     * The lowest threshold (one of the scores) at which flagging {@code score >= threshold} keeps
     * the false-positive rate at or below {@code fpr}. When even the highest score exceeds it, the
     * next double above the highest score is returned, which flags nothing.
     */
    public static double thresholdForFpr(int[] labels, double[] scores, double fpr) {
        if (!(fpr >= 0 && fpr <= 1)) {
            throw new IllegalArgumentException("fpr must be within [0, 1], is " + fpr);
        }
        ScoreCurve c = ScoreCurve.of(labels, scores);
        if (c.negatives == 0) {
            throw new IllegalArgumentException("no benign flows, the false-positive rate is undefined");
        }
        double best = Math.nextUp(c.thresholds[0]);
        for (int k = 0; k < c.size; k++) {
            if ((double) c.fp[k] / c.negatives > fpr) {
                break;
            }
            best = c.thresholds[k];
        }
        return best;
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }

    private static void checkLength(String what, long[] values, int expected) {
        if (values != null && values.length != expected) {
            throw new IllegalArgumentException(what + " has " + values.length + " entries, expected " + expected);
        }
    }
}
