package org.flowmeter.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.flowmeter.model.EvaluationResult;
import org.flowmeter.model.GbtTrainer;
import org.flowmeter.model.GridSearch;
import org.flowmeter.model.Hyper;

/** train's metrics file ({@code --metrics-json}): what {@link TrainingReport} measured, as JSON. */
public sealed interface TrainingMetrics permits TrainingMetrics.Logistic, TrainingMetrics.Trees {

    /**
     * A logistic regression: the best candidate and its mean cross-validated ROC AUC, the
     * threshold, the test split, every candidate of the grid (best first), the cross-validated
     * scores at the threshold (when it was read off them) and the test inputs, most errors first.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"best", "cv_roc_auc_mean", "threshold", "test", "grid", "cv_out_of_fold", "test_inputs"})
    record Logistic(@JsonProperty("best") Candidate best, @JsonProperty("cv_roc_auc_mean") double cvRocAucMean,
                    @JsonProperty("threshold") double threshold, @JsonProperty("test") EvaluationResult test,
                    @JsonProperty("grid") List<GridRow> grid, @JsonProperty("cv_out_of_fold") EvaluationResult cvOutOfFold,
                    @JsonProperty("test_inputs") List<InputResults> testInputs) implements TrainingMetrics {
    }

    /**
     * Gradient-boosted trees: their parameters, then as for the logistic regression; with
     * {@code --worst-source-fpr}, its target, the pooled operating point's threshold, the benign
     * sources left out in turn and the recall per group of {@code --sources} (else absent).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"model_kind", "params", "threshold", "test", "cv_out_of_fold", "test_inputs",
        "worst_source_fpr_target", "pooled_threshold", "benign_sources", "recall_by_group"})
    record Trees(@JsonProperty("params") GbtTrainer.Params params, @JsonProperty("threshold") double threshold,
                 @JsonProperty("test") EvaluationResult test, @JsonProperty("cv_out_of_fold") EvaluationResult cvOutOfFold,
                 @JsonProperty("test_inputs") List<InputResults> testInputs,
                 @JsonProperty("worst_source_fpr_target") Double worstSourceFprTarget,
                 @JsonProperty("pooled_threshold") Double pooledThreshold,
                 @JsonProperty("benign_sources") List<BenignSource> benignSources,
                 @JsonProperty("recall_by_group") List<GroupRecall> recallByGroup) implements TrainingMetrics {
        public Trees(GbtTrainer.Params params, double threshold, EvaluationResult test, EvaluationResult cvOutOfFold,
                     List<InputResults> testInputs) {
            this(params, threshold, test, cvOutOfFold, testInputs, null, null, null, null);
        }

        @JsonProperty("model_kind")
        public String modelKind() {
            return ModelKind.gbt.name();
        }
    }

    /** One candidate's hyper-parameters, named as in the model file's metadata. */
    @JsonPropertyOrder({"penalty", "C", "weightBenign", "weightMalicious", "fitIntercept"})
    record Candidate(@JsonProperty("penalty") String penalty, @JsonProperty("C") double c,
                     @JsonProperty("weightBenign") double weightBenign,
                     @JsonProperty("weightMalicious") double weightMalicious,
                     @JsonProperty("fitIntercept") boolean fitIntercept) {
        static Candidate of(Hyper h) {
            return new Candidate(h.penalty().name(), h.c(), h.weightBenign(), h.weightMalicious(), h.fitIntercept());
        }
    }

    /** One candidate of the grid with the mean and standard deviation of its folds' ROC AUCs. */
    @JsonPropertyOrder({"penalty", "C", "weightBenign", "weightMalicious", "fitIntercept", "cv_roc_auc_mean",
        "cv_roc_auc_std"})
    record GridRow(@JsonProperty("penalty") String penalty, @JsonProperty("C") double c,
                   @JsonProperty("weightBenign") double weightBenign,
                   @JsonProperty("weightMalicious") double weightMalicious,
                   @JsonProperty("fitIntercept") boolean fitIntercept,
                   @JsonProperty("cv_roc_auc_mean") double cvRocAucMean,
                   @JsonProperty("cv_roc_auc_std") double cvRocAucStd) {
        static GridRow of(GridSearch.Result r) {
            Hyper h = r.hyper();
            return new GridRow(h.penalty().name(), h.c(), h.weightBenign(), h.weightMalicious(), h.fitIntercept(),
                    r.meanAuc(), r.stdAuc());
        }
    }

    /** A benign source of {@code --sources} left out of the fit: its flows, its own threshold, its FPR at the chosen one. */
    @JsonPropertyOrder({"source", "benign", "threshold", "fpr"})
    record BenignSource(@JsonProperty("source") String source, @JsonProperty("benign") int benign,
                        @JsonProperty("threshold") double threshold, @JsonProperty("fpr") double fpr) {
    }

    /** Recall of a group's malicious flows on the cross-validated scores, at the pooled and at the chosen threshold. */
    @JsonPropertyOrder({"group", "malicious", "recall_pooled_threshold", "recall_chosen_threshold"})
    record GroupRecall(@JsonProperty("group") String group, @JsonProperty("malicious") int malicious,
                       @JsonProperty("recall_pooled_threshold") double recallPooledThreshold,
                       @JsonProperty("recall_chosen_threshold") double recallChosenThreshold) {
    }
}
