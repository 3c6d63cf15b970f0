package org.flowmeter.training;

import org.flowmeter.labels.LabelledFlows;
import org.flowmeter.model.Dataset;
import org.flowmeter.model.EvaluationResult;
import org.flowmeter.model.FlowModel;
import org.flowmeter.model.Metrics;

/** Scores a subset of labelled flows and measures it, with packet and byte shares when known. */
public final class Evaluation {
    private Evaluation() {
    }

    /** The model's score of every row of {@code subset}. */
    public static double[] scores(FlowModel model, Dataset subset) {
        double[] scores = new double[subset.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = model.score(subset.row(i));
        }
        return scores;
    }

    /** Measures {@code scores} of {@code subset}, the rows {@code indices} of {@code all}. */
    public static EvaluationResult evaluate(FlowModel model, Dataset subset, double[] scores, LabelledFlows all, int[] indices) {
        long[] packets = pick(all.packets(), indices);
        long[] bytes = pick(all.bytes(), indices);
        if (packets == null || bytes == null) {
            return Metrics.evaluate(subset.labels(), scores, model.threshold());
        }
        return Metrics.evaluate(subset.labels(), scores, model.threshold(), packets, bytes);
    }

    private static long[] pick(long[] values, int[] indices) {
        if (values == null) {
            return null;
        }
        long[] out = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }
}
