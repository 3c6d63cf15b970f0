package org.flowmeter.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An operating threshold that holds on benign traffic of a network never seen in training. A
 * threshold read off pooled cross-validated scores is set by the benign source with the most flows
 * (a clean lab, say) and sits too low for any other one. Here every benign source (the lab, each
 * public source repository, ...) is left out in turn: the recipe is fitted on the rest and scores
 * the left-out source's benign flows, and the threshold is the lowest at which the worst of these
 * held-out sources stays at or under the target false-positive rate.
 *
 * <p>A benign source is a group whose rows are all benign; groups holding malicious rows (attack
 * families, mixed captures) are always fitted on. Rows of no group ({@code -1}) are always fitted
 * on and never scored.
 */
public final class WorstSourceThreshold {
    /** Fits on {@code trainRows} and scores {@code heldOutRows} (indices into the same rows). */
    @FunctionalInterface
    public interface HeldOutScorer {
        double[] score(int[] trainRows, int[] heldOutRows);
    }

    /** One benign source held out: its flows, the threshold that alone would keep it at the target, its FPR at the chosen one. */
    public record Source(String name, int benign, double threshold, double fpr) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", name);
            m.put("benign", benign);
            m.put("threshold", threshold);
            m.put("fpr", fpr);
            return m;
        }
    }

    /** The chosen threshold (the largest of the sources' ones) and every source's figures at it. */
    public record Outcome(double threshold, List<Source> sources) {
        /** The highest held-out false-positive rate among the sources at the chosen threshold. */
        public double worstFpr() {
            return sources.stream().mapToDouble(Source::fpr).max().orElse(Double.NaN);
        }
    }

    private WorstSourceThreshold() {
    }

    /** The indices of the groups whose rows are all benign (and that have rows). */
    public static boolean[] benignOnly(int[] labels, int[] groupOfRow, int groups) {
        boolean[] seen = new boolean[groups];
        boolean[] malicious = new boolean[groups];
        for (int i = 0; i < labels.length; i++) {
            int g = groupOfRow[i];
            if (g >= 0) {
                seen[g] = true;
                malicious[g] |= labels[i] == Dataset.MALICIOUS;
            }
        }
        boolean[] out = new boolean[groups];
        for (int g = 0; g < groups; g++) {
            out[g] = seen[g] && !malicious[g];
        }
        return out;
    }

    /**
     * @param labels     each row's label
     * @param groupOfRow each row's index into {@code names}, or -1
     * @param targetFpr  the false-positive rate the worst held-out source may reach
     * @param floor      the threshold is never below this one (say, the pooled operating point)
     */
    public static Outcome choose(int[] labels, int[] groupOfRow, List<String> names, double targetFpr, double floor,
            HeldOutScorer scorer) {
        Objects.requireNonNull(scorer, "scorer");
        if (!(targetFpr >= 0 && targetFpr <= 1)) {
            throw new IllegalArgumentException("target false-positive rate must be within [0, 1], is " + targetFpr);
        }
        if (groupOfRow.length != labels.length) {
            throw new IllegalArgumentException("groups and rows differ in length");
        }
        boolean[] sources = benignOnly(labels, groupOfRow, names.size());
        List<String> used = new ArrayList<>();
        List<double[]> heldOutScores = new ArrayList<>();
        List<Double> own = new ArrayList<>();
        double chosen = floor;
        for (int g = 0; g < names.size(); g++) {
            if (!sources[g]) {
                continue;
            }
            int[] train = rows(groupOfRow, g, false);
            int[] heldOut = rows(groupOfRow, g, true);
            double[] scores = scorer.score(train, heldOut);
            double t = Metrics.thresholdForFpr(new int[scores.length], scores, targetFpr);
            used.add(names.get(g));
            heldOutScores.add(scores);
            own.add(t);
            chosen = Math.max(chosen, t);
        }
        List<Source> out = new ArrayList<>();
        for (int k = 0; k < used.size(); k++) {
            out.add(new Source(used.get(k), heldOutScores.get(k).length, own.get(k), fprAt(heldOutScores.get(k), chosen)));
        }
        return new Outcome(chosen, List.copyOf(out));
    }

    /** Share of benign scores flagged at {@code threshold} (flagged: score >= threshold). */
    static double fprAt(double[] benignScores, double threshold) {
        return benignScores.length == 0 ? Double.NaN
                : (double) Arrays.stream(benignScores).filter(s -> s >= threshold).count() / benignScores.length;
    }

    /** Rows of group g (inGroup), or every row not of group g. */
    private static int[] rows(int[] groupOfRow, int g, boolean inGroup) {
        int[] out = new int[groupOfRow.length];
        int n = 0;
        for (int i = 0; i < groupOfRow.length; i++) {
            if ((groupOfRow[i] == g) == inGroup) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
