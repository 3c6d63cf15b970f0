package org.flowmeter.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flowmeter.model.Dataset;
import org.flowmeter.model.GbtModel;
import org.flowmeter.model.GbtTrainer;
import org.flowmeter.model.LeaveOneGroupOut;
import org.flowmeter.model.WorstSourceThreshold;

/**
 * {@code train --worst-source-fpr F --sources FILE}: the threshold raised until every benign source,
 * left out of the fit, stays at or under F; and what that costs in recall per attack family, read
 * off the cross-validated scores (each flow scored by a fold that never saw its capture).
 */
final class SourceThresholds {
    private SourceThresholds() {
    }

    /** Each training row's group of --sources, -1 for rows of no group (always fitted on). */
    static int[] groupOfRow(TrainCommand cmd, Dataset train) {
        int[] out = new int[train.size()];
        for (int i = 0; i < out.length; i++) {
            int g = cmd.sourceGroups.ofInput()[train.groups()[i]];
            out[i] = g >= 0 ? g : LeaveOneGroupOut.NO_GROUP;
        }
        return out;
    }

    static WorstSourceThreshold.Outcome choose(TrainCommand cmd, Dataset train, int[] directions, String setName,
            double floor) {
        GbtTrainer trainer = GbtRun.trainer(cmd);
        GbtTrainer.Params params = GbtRun.params(cmd);
        String[] features = train.featureNames();
        return WorstSourceThreshold.choose(train.labels(), groupOfRow(cmd, train), cmd.sourceGroups.names(),
                cmd.worstSourceFpr, floor, (fitted, heldOut) -> {
                    GbtModel m = trainer.fit(train.rows(), train.labels(), fitted, features, directions, params,
                            setName, null);
                    double[] s = new double[heldOut.length];
                    for (int k = 0; k < heldOut.length; k++) {
                        s[k] = m.score(train.row(heldOut[k]));
                    }
                    return s;
                });
    }

    /** Recall per group with malicious flows, at the pooled operating point and at the chosen threshold. */
    static List<Map<String, Object>> familyRecall(TrainCommand cmd, Dataset train, double[] outOfFold, double pooled,
            double chosen) {
        int[] group = groupOfRow(cmd, train);
        List<String> names = cmd.sourceGroups.names();
        List<Map<String, Object>> out = new ArrayList<>();
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
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("group", g < 0 ? "(no group)" : names.get(g));
                m.put("malicious", n);
                m.put("recall_pooled_threshold", (double) atPooled / n);
                m.put("recall_chosen_threshold", (double) atChosen / n);
                out.add(m);
            }
        }
        return out;
    }

    static void print(PrintStream out, WorstSourceThreshold.Outcome o, double target, double pooled,
            List<Map<String, Object>> recall) {
        out.printf(Locale.ROOT, "benign sources left out in turn (target false-positive rate %.4f): threshold %.4f "
                + "(pooled operating point %.4f)%n", target, o.threshold(), pooled);
        out.printf(Locale.ROOT, "  %-30s %7s %12s %9s%n", "source", "benign", "own thresh.", "fpr");
        for (WorstSourceThreshold.Source s : o.sources()) {
            out.printf(Locale.ROOT, "  %-30s %7d %12.4f %9.4f%n", s.name(), s.benign(), s.threshold(), s.fpr());
        }
        out.println("recall per group of --sources on the cross-validated scores:");
        out.printf(Locale.ROOT, "  %-30s %9s %12s %12s%n", "group", "malicious", "at pooled", "at chosen");
        for (Map<String, Object> m : recall) {
            out.printf(Locale.ROOT, "  %-30s %9d %12.3f %12.3f%n", m.get("group"), (Integer) m.get("malicious"),
                    (Double) m.get("recall_pooled_threshold"), (Double) m.get("recall_chosen_threshold"));
        }
    }
}
