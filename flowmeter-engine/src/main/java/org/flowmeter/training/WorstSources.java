package org.flowmeter.training;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flowmeter.model.Dataset;
import org.flowmeter.model.GbtModel;
import org.flowmeter.model.GbtTrainer;
import org.flowmeter.model.WorstSourceThreshold;

/**
 * {@code --worst-source-fpr F} with {@code --sources FILE}: the threshold raised until every benign
 * source, left out of the fit, stays at or under F; and what that costs in recall per group of
 * malicious flows (attack families), read off the cross-validated scores (each flow scored by a
 * fold that never saw it).
 *
 * @param target    the false-positive rate the worst left-out benign source may reach
 * @param pooled    the operating point's threshold on the pooled cross-validated scores (the floor)
 * @param threshold the chosen threshold
 * @param sources   every benign source's figures at the chosen threshold
 * @param recall    recall per group with malicious flows at the pooled and the chosen threshold
 * @param sole      the benign source that holds every benign flow fitted on, when there is one: no source
 *                  could be left out (the fit would have no benign flows), so the threshold is the pooled
 *                  point; null otherwise
 */
public record WorstSources(double target, double pooled, double threshold, List<TrainingMetrics.BenignSource> sources,
                           List<TrainingMetrics.GroupRecall> recall, String sole) {

    /**
     * The benign source of {@code groups} that holds every benign row of {@code train}, or null.
     * Left out, it would leave no benign row to fit on: with one benign source in the data, or in a
     * fold of leave-one-group-out that holds out one of two.
     */
    public static String soleBenignSource(InputGroups groups, Dataset train) {
        int[] groupOfRow = groups.groupOfRow(train);
        boolean[] benignOnly = WorstSourceThreshold.benignOnly(train.labels(), groupOfRow, groups.names().size());
        int benign = 0;
        int[] perGroup = new int[benignOnly.length];
        for (int i = 0; i < train.size(); i++) {
            if (train.label(i) == Dataset.BENIGN) {
                benign++;
                if (groupOfRow[i] >= 0) {
                    perGroup[groupOfRow[i]]++;
                }
            }
        }
        for (int g = 0; g < benignOnly.length; g++) {
            if (benignOnly[g] && benign > 0 && perGroup[g] == benign) {
                return groups.names().get(g);
            }
        }
        return null;
    }

    /** What {@link #soleBenignSource} means for the threshold, as train says it. */
    public static String pooledOnlyNote(String sole) {
        return "--worst-source-fpr: every benign flow fitted on is of the source '" + sole
                + "', which cannot be left out (no benign flow would remain to fit on): the threshold stays at the"
                + " pooled operating point";
    }

    /** The figures when no source could be left out: the pooled point kept, recall per group at it. */
    static WorstSources pooledOnly(double target, double pooled, String sole, InputGroups groups, Dataset train,
                                   double[] outOfFold) {
        return new WorstSources(target, pooled, pooled, List.of(),
                recallByGroup(groups, train, outOfFold, pooled, pooled), sole);
    }

    /** The threshold, at least {@code floor}, that keeps every left-out benign source at or under the target. */
    static WorstSourceThreshold.Outcome choose(TrainingSettings settings, InputGroups groups, Dataset train,
                                               int[] directions, String featureSet, GbtTrainer trainer,
                                               GbtTrainer.Params params, double floor) {
        String[] features = train.featureNames();
        return WorstSourceThreshold.choose(train.labels(), groups.groupOfRow(train), groups.names(),
                settings.worstSourceFpr(), floor, (fitted, heldOut) -> {
                    GbtModel m = trainer.fit(train.rows(), train.labels(), fitted, features, directions, params,
                            featureSet, null);
                    double[] s = new double[heldOut.length];
                    for (int k = 0; k < heldOut.length; k++) {
                        s[k] = m.score(train.row(heldOut[k]));
                    }
                    return s;
                });
    }

    /** The figures of a choice: the sources' and the recall per group on the cross-validated scores. */
    static WorstSources of(double target, double pooled, WorstSourceThreshold.Outcome outcome, InputGroups groups,
                           Dataset train, double[] outOfFold) {
        List<TrainingMetrics.BenignSource> sources = outcome.sources().stream()
                .map(s -> new TrainingMetrics.BenignSource(s.name(), s.benign(), s.threshold(), s.fpr())).toList();
        return new WorstSources(target, pooled, outcome.threshold(), sources,
                recallByGroup(groups, train, outOfFold, pooled, outcome.threshold()), null);
    }

    /** Recall per group with malicious flows, at the pooled operating point and at the chosen threshold. */
    static List<TrainingMetrics.GroupRecall> recallByGroup(InputGroups groups, Dataset train, double[] outOfFold,
                                                           double pooled, double chosen) {
        int[] group = groups.groupOfRow(train);
        List<String> names = groups.names();
        List<TrainingMetrics.GroupRecall> out = new ArrayList<>();
        for (int g = -1; g < names.size(); g++) {
            int n = 0;
            int atPooled = 0;
            int atChosen = 0;
            for (int i = 0; i < train.size(); i++) {
                if (group[i] == g && train.label(i) == Dataset.MALICIOUS) {
                    n++;
                    atPooled += outOfFold[i] >= pooled ? 1 : 0;
                    atChosen += outOfFold[i] >= chosen ? 1 : 0;
                }
            }
            if (n > 0) {
                out.add(new TrainingMetrics.GroupRecall(g < 0 ? "(no group)" : names.get(g), n, (double) atPooled / n,
                        (double) atChosen / n));
            }
        }
        return List.copyOf(out);
    }

    /** The table train prints. */
    public void print(PrintStream out) {
        if (sole != null) {
            out.printf(Locale.ROOT, "%s %.4f%n", pooledOnlyNote(sole), pooled);
        }
        out.printf(Locale.ROOT, "benign sources left out in turn (target false-positive rate %.4f): threshold %.4f "
                + "(pooled operating point %.4f)%n", target, threshold, pooled);
        out.printf(Locale.ROOT, "  %-30s %7s %12s %9s%n", "source", "benign", "own thresh.", "fpr");
        for (TrainingMetrics.BenignSource s : sources) {
            out.printf(Locale.ROOT, "  %-30s %7d %12.4f %9.4f%n", s.source(), s.benign(), s.threshold(), s.fpr());
        }
        out.println("recall per group of --sources on the cross-validated scores:");
        out.printf(Locale.ROOT, "  %-30s %9s %12s %12s%n", "group", "malicious", "at pooled", "at chosen");
        for (TrainingMetrics.GroupRecall r : recall) {
            out.printf(Locale.ROOT, "  %-30s %9d %12.3f %12.3f%n", r.group(), r.malicious(), r.recallPooledThreshold(),
                    r.recallChosenThreshold());
        }
    }
}
