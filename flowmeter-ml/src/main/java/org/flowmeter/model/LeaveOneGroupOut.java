package org.flowmeter.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a training recipe does on traffic unlike anything it was fitted on: the rows are split into
 * named groups (an attack family, a benign source), and for each group a model is fitted on every
 * other group and scores the held-out one. A group's flows are never in the training part of
 * their own fold; rows of no group (group -1) are neither fitted on nor scored.
 *
 * <p>Per group: recall (malicious rows) and false-positive rate (benign rows) at the threshold
 * the fold's model chose on its own training part, and the ROC AUC of the group's rows against
 * the other class's rows as scored while their own group was held out (every row gets exactly one
 * such out-of-group score). Pooled: the same over all rows.
 */
public final class LeaveOneGroupOut {
    /** The rows fitted on and the rows scored when {@code group} is held out. */
    public record Fold(String group, int[] train, int[] test) {}

    /** The group of rows left out of the protocol: neither fitted on nor scored. */
    public static final int NO_GROUP = -1;
    /** The group of rows fitted on in every fold and never scored (to share one protocol among runs). */
    public static final int ALWAYS_TRAINED = -2;

    /** Fits a model, with its threshold, on the training rows of one fold. */
    @FunctionalInterface
    public interface Fitter {
        FlowModel fit(Dataset train, String heldOut);
    }

    /** One held-out group's figures; recall or FPR is NaN when the group has no row of that class. */
    public record GroupResult(String group, int benign, int malicious, long truePositives, long falsePositives,
            double recall, double fpr, double rocAuc, double threshold) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", group);
            m.put("benign", benign);
            m.put("malicious", malicious);
            m.put("tp", truePositives);
            m.put("fp", falsePositives);
            m.put("recall", finiteOrNull(recall));
            m.put("fpr", finiteOrNull(fpr));
            m.put("roc_auc", finiteOrNull(rocAuc));
            m.put("threshold", threshold);
            return m;
        }
    }

    /** Per group in the order given, the pooled figures, and each row's out-of-group score (NaN for rows of no group). */
    public record Outcome(List<GroupResult> groups, GroupResult pooled, double[] scores, boolean[] flagged) {}

    private LeaveOneGroupOut() {
    }

    /**
     * One fold per named group that has rows.
     *
     * @param groupOfRow each row's index into {@code names}, or -1 for a row left out of the protocol
     */
    public static List<Fold> folds(int[] groupOfRow, List<String> names) {
        List<Fold> out = new ArrayList<>();
        for (int g = 0; g < names.size(); g++) {
            int[] test = indices(groupOfRow, g, true);
            if (test.length == 0) {
                continue;
            }
            out.add(new Fold(names.get(g), indices(groupOfRow, g, false), test));
        }
        return out;
    }

    /** The rows of group g (inGroup), or the rows fitted on when g is held out. */
    private static int[] indices(int[] groupOfRow, int g, boolean inGroup) {
        int[] out = new int[groupOfRow.length];
        int n = 0;
        for (int i = 0; i < groupOfRow.length; i++) {
            boolean member = groupOfRow[i] == g;
            boolean fitted = groupOfRow[i] >= 0 && !member || groupOfRow[i] == ALWAYS_TRAINED;
            if (inGroup ? member : fitted) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    public static Outcome run(Dataset data, int[] groupOfRow, List<String> names, Fitter fitter) {
        Objects.requireNonNull(fitter, "fitter");
        if (groupOfRow.length != data.size()) {
            throw new IllegalArgumentException("groups and rows differ in length");
        }
        double[] scores = new double[data.size()];
        Arrays.fill(scores, Double.NaN);
        boolean[] flagged = new boolean[data.size()];
        List<Fold> folds = folds(groupOfRow, names);
        double[] thresholds = new double[folds.size()];
        for (int f = 0; f < folds.size(); f++) {
            Fold fold = folds.get(f);
            FlowModel model = fitter.fit(data.subset(fold.train()), fold.group());
            thresholds[f] = model.threshold();
            for (int i : fold.test()) {
                scores[i] = model.score(data.row(i));
                flagged[i] = model.isMalicious(scores[i]);
            }
        }
        int[] scored = java.util.stream.IntStream.range(0, groupOfRow.length).filter(i -> groupOfRow[i] >= 0).toArray();
        List<GroupResult> results = new ArrayList<>();
        for (int f = 0; f < folds.size(); f++) {
            results.add(result(folds.get(f).group(), folds.get(f).test(), scored, data.labels(), scores, flagged,
                    thresholds[f]));
        }
        GroupResult pooled = result("pooled", scored, scored, data.labels(), scores, flagged, Double.NaN);
        return new Outcome(List.copyOf(results), pooled, scores, flagged);
    }

    /** The group's rows against the other class's rows among all scored ones. */
    private static GroupResult result(String name, int[] rows, int[] scored, int[] labels, double[] scores,
            boolean[] flagged, double threshold) {
        int benign = 0;
        int malicious = 0;
        long tp = 0;
        long fp = 0;
        boolean[] inGroup = new boolean[labels.length];
        for (int i : rows) {
            inGroup[i] = true;
            if (labels[i] == Dataset.MALICIOUS) {
                malicious++;
                tp += flagged[i] ? 1 : 0;
            } else {
                benign++;
                fp += flagged[i] ? 1 : 0;
            }
        }
        // Against: the group's own rows plus every scored row of the class the group lacks (a
        // group holding both classes is measured on itself alone).
        int[] against = scored;
        if (benign == 0 || malicious == 0) {
            int missing = benign == 0 ? Dataset.BENIGN : Dataset.MALICIOUS;
            against = Arrays.stream(scored).filter(i -> inGroup[i] || labels[i] == missing).toArray();
        } else {
            against = rows;
        }
        int[] l = new int[against.length];
        double[] s = new double[against.length];
        for (int k = 0; k < against.length; k++) {
            l[k] = labels[against[k]];
            s[k] = scores[against[k]];
        }
        boolean both = Arrays.stream(l).anyMatch(v -> v == Dataset.BENIGN) && Arrays.stream(l).anyMatch(v -> v == Dataset.MALICIOUS);
        double auc = both ? Metrics.rocAuc(l, s) : Double.NaN;
        return new GroupResult(name, benign, malicious, tp, fp,
                malicious == 0 ? Double.NaN : tp / (double) malicious,
                benign == 0 ? Double.NaN : fp / (double) benign, auc, threshold);
    }

    private static Object finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
