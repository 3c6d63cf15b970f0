package org.flowmeter.model;

import java.util.Arrays;

/**
 * Cumulative true and false positives for every distinct score, from the highest score down:
 * flagging all flows with {@code score >= threshold(k)} yields {@code tp(k)} and {@code fp(k)}.
 * Built with primitive sorts only, so it stays fast for millions of flows.
 */
final class ScoreCurve {
    final double[] thresholds;
    final long[] tp;
    final long[] fp;
    final int size;
    final long positives;
    final long negatives;

    private ScoreCurve(double[] thresholds, long[] tp, long[] fp, int size, long positives, long negatives) {
        this.thresholds = thresholds;
        this.tp = tp;
        this.fp = fp;
        this.size = size;
        this.positives = positives;
        this.negatives = negatives;
    }

    static ScoreCurve of(int[] labels, double[] scores) {
        if (labels.length != scores.length) {
            throw new IllegalArgumentException("labels and scores differ in length: "
                    + labels.length + " vs " + scores.length);
        }
        int p = 0;
        for (int l : labels) {
            p += l == Dataset.MALICIOUS ? 1 : 0;
        }
        double[] pos = new double[p];
        double[] neg = new double[labels.length - p];
        int pi = 0;
        int ni = 0;
        for (int i = 0; i < labels.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            if (labels[i] == Dataset.MALICIOUS) {
                pos[pi++] = scores[i];
            } else {
                neg[ni++] = scores[i];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);

        double[] thresholds = new double[labels.length];
        long[] tp = new long[labels.length];
        long[] fp = new long[labels.length];
        int k = 0;
        long tpSum = 0;
        long fpSum = 0;
        // Walk both sorted arrays from the top, taking all copies of the next-highest score at once.
        pi = pos.length - 1;
        ni = neg.length - 1;
        while (pi >= 0 || ni >= 0) {
            double t = Math.max(pi >= 0 ? pos[pi] : Double.NEGATIVE_INFINITY, ni >= 0 ? neg[ni] : Double.NEGATIVE_INFINITY);
            while (pi >= 0 && pos[pi] == t) {
                tpSum++;
                pi--;
            }
            while (ni >= 0 && neg[ni] == t) {
                fpSum++;
                ni--;
            }
            thresholds[k] = t;
            tp[k] = tpSum;
            fp[k] = fpSum;
            k++;
        }
        return new ScoreCurve(thresholds, tp, fp, k, pos.length, neg.length);
    }
}
