package org.flowmeter.training;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flowmeter.engine.OptionException;
import org.flowmeter.labels.LabelledFlows;
import org.flowmeter.model.Dataset;
import org.flowmeter.model.FlowModel;
import org.flowmeter.model.GroupCap;
import org.flowmeter.model.LeaveOneGroupOut;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code train --leave-one-group-out FILE}: the training recipe of the other options (features,
 * model kind, grid, sign rules, cap, operating point) fitted once per held-out group of inputs
 * and scored on that group alone. Both train commands (command line and Spark) run it.
 */
public final class LeaveOneGroupOutRun {
    /** Positive share assumed for the precision figure: one flow in a hundred malicious. */
    static final double BASE_RATE = 0.01;

    private LeaveOneGroupOutRun() {
    }

    /** Group names in file order, and the group index of each input (-1: in no group). */
    static InputGroups read(Path file, List<String> inputs) throws IOException {
        return InputGroups.read(file, inputs);
    }

    /**
     * Prints each held-out group's figures and the pooled ones on {@code out}, the progress on
     * {@code err}; writes them to {@code metricsJson} when it is not null. A group file that does
     * not fit the inputs is an {@link OptionException}.
     */
    public static void run(Path groupsFile, Path metricsJson, TrainingSettings settings, TrainingData training,
            PreparedData prepared, PrintStream out, PrintStream err) throws IOException {
        LabelledFlows flows = training.flows();
        Dataset data = prepared.data();
        InputGroups groups = read(groupsFile, flows.inputNames());
        InputGroups sources = ModelTraining.sourceGroups(settings, flows);
        int[] groupOfRow = new int[data.size()];
        int outside = 0;
        for (int i = 0; i < data.size(); i++) {
            groupOfRow[i] = groups.ofInput()[data.groups()[i]];
            outside += groupOfRow[i] == LeaveOneGroupOut.NO_GROUP ? 1 : 0;
        }
        long inputsOutside = java.util.Arrays.stream(groups.ofInput()).filter(g -> g == LeaveOneGroupOut.NO_GROUP).count();
        err.printf("%d groups; %d flows of %d inputs in no group are neither fitted on nor scored%n",
                groups.names().size(), outside, inputsOutside);
        LeaveOneGroupOut.Outcome outcome;
        try {
            outcome = LeaveOneGroupOut.run(data, groupOfRow, groups.names(), (train, heldOut) -> {
                Dataset fitted = train;
                if (settings.maxMaliciousPerInput() != null) {
                    fitted = train.subset(GroupCap.keep(train.labels(), train.groups(), Dataset.MALICIOUS,
                            settings.maxMaliciousPerInput(), settings.seed()));
                }
                FlowModel model = ModelTraining.fit(settings, fitted, prepared.directions(), training.featureSet(),
                        sources);
                err.printf(Locale.ROOT, "held out %-28s fitted on %d benign, %d malicious flows; threshold %.4g%n",
                        heldOut, fitted.countBenign(), fitted.countMalicious(), model.threshold());
                String sole = settings.worstSourceFpr() != null && sources != null
                        ? WorstSources.soleBenignSource(sources, fitted) : null;
                if (sole != null) {
                    err.printf("held out %s: %s%n", heldOut, WorstSources.pooledOnlyNote(sole));
                }
                return model;
            });
        } catch (IllegalArgumentException e) {
            throw new OptionException(e.getMessage());
        }
        out.println(header());
        for (LeaveOneGroupOut.GroupResult r : outcome.groups()) {
            out.println(row(r));
        }
        out.println(row(outcome.pooled()));
        double precision = precisionAtBaseRate(outcome.pooled().recall(), outcome.pooled().fpr());
        out.printf(Locale.ROOT, "precision at a %.0f %% base rate (pooled recall and false-positive rate): %.3f%n",
                BASE_RATE * 100, precision);
        if (metricsJson != null) {
            // Every scored flow's group, label, score and verdict: runs that shared out the groups
            // (group '+') are pooled from these.
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (groupOfRow[i] >= 0) {
                    rows.add(List.of(groups.names().get(groupOfRow[i]), data.label(i), outcome.scores()[i],
                            outcome.flagged()[i] ? 1 : 0));
                }
            }
            LeaveOneGroupOutMetrics m = new LeaveOneGroupOutMetrics(
                    outcome.groups().stream().map(LeaveOneGroupOutMetrics.Group::of).toList(),
                    LeaveOneGroupOutMetrics.Group.of(outcome.pooled()), LeaveOneGroupOutMetrics.finiteOrNull(precision),
                    rows);
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(metricsJson.toFile(), m);
        }
    }

    /** Precision when one flow in {@link #BASE_RATE} is malicious. */
    static double precisionAtBaseRate(double recall, double fpr) {
        double tp = recall * BASE_RATE;
        double fp = fpr * (1 - BASE_RATE);
        return tp + fp == 0 ? Double.NaN : tp / (tp + fp);
    }

    static String header() {
        return String.format(Locale.ROOT, "%-30s %7s %9s %7s %7s %7s %7s", "held-out group", "benign", "malicious",
                "recall", "fpr", "roc_auc", "flagged");
    }

    static String row(LeaveOneGroupOut.GroupResult r) {
        return String.format(Locale.ROOT, "%-30s %7d %9d %7s %7s %7s %7d", r.group(), r.benign(), r.malicious(),
                fmt(r.recall()), fmt(r.fpr()), fmt(r.rocAuc()), r.truePositives() + r.falsePositives());
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "-";
    }
}
