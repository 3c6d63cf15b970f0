package org.flowmeter.training;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.flowmeter.model.EvaluationResult;
import org.flowmeter.model.GbtTrainer;
import org.flowmeter.model.GridSearch;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a training run did: the grid (logistic regression) or the trees' parameters, the
 * cross-validated scores of the training split at the chosen threshold, the held-out test split,
 * and the test inputs with the most errors.
 *
 * @param grid           the grid's candidates, best first; null for trees
 * @param gbtParams      the trees' parameters; null for a logistic regression
 * @param crossValidated null when the threshold was not read off cross-validated scores
 * @param worstSources   the benign sources that raised the threshold ({@code --worst-source-fpr}); null: none
 */
public record TrainingReport(ModelKind kind, int folds, GridSearch.Outcome grid, GbtTrainer.Params gbtParams,
                             double threshold, EvaluationResult crossValidated, EvaluationResult test,
                             List<InputResults> testInputs, WorstSources worstSources) {

    public TrainingReport(ModelKind kind, int folds, GridSearch.Outcome grid, GbtTrainer.Params gbtParams,
                          double threshold, EvaluationResult crossValidated, EvaluationResult test,
                          List<InputResults> testInputs) {
        this(kind, folds, grid, gbtParams, threshold, crossValidated, test, testInputs, null);
    }

    /** The summary train prints. */
    public void print(PrintStream out) {
        if (kind == ModelKind.gbt) {
            out.println("gradient-boosted trees: " + gbtParams.toMap());
        } else {
            out.println("best grid candidates (mean ± std ROC AUC over " + folds + " folds of the training split):");
            for (GridSearch.Result r : grid.results().subList(0, Math.min(5, grid.results().size()))) {
                out.printf(Locale.ROOT, "  %.4f ± %.4f  %s%n", r.meanAuc(), r.stdAuc(), r.hyper());
            }
        }
        if (crossValidated != null) {
            // Every training row scored by the fold model that did not see it (with --split-by input:
            // by a model that never saw its capture); the threshold was chosen on these same scores.
            out.println("cross-validated scores of the training split (each row scored by the fold that left it out):");
            out.print(MetricsTable.of(crossValidated, threshold));
        }
        if (worstSources != null) {
            worstSources.print(out);
        }
        out.println("held-out test split:");
        out.print(MetricsTable.of(test, threshold));
        InputResults.printWorst(out, "test inputs with the most errors:", testInputs);
    }

    /** The metrics file's content: grid or parameters, threshold, test and cross-validated results, per-input results. */
    public TrainingMetrics metrics() {
        if (kind == ModelKind.gbt) {
            if (worstSources != null) {
                return new TrainingMetrics.Trees(gbtParams, threshold, test, crossValidated, testInputs,
                        worstSources.target(), worstSources.pooled(), worstSources.sources(), worstSources.recall());
            }
            return new TrainingMetrics.Trees(gbtParams, threshold, test, crossValidated, testInputs);
        }
        return new TrainingMetrics.Logistic(TrainingMetrics.Candidate.of(grid.best()), grid.bestMeanAuc(), threshold, test,
                grid.results().stream().map(TrainingMetrics.GridRow::of).toList(), crossValidated, testInputs);
    }

    /** Writes {@link #metrics()} as indented JSON. */
    public void writeMetrics(Path file) throws IOException {
        JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(file.toFile(), metrics());
    }
}
