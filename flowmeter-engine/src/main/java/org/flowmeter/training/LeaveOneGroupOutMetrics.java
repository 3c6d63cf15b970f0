package org.flowmeter.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.flowmeter.model.LeaveOneGroupOut;

/**
 * The metrics file of {@code train --leave-one-group-out}: each held-out group's figures, the
 * pooled ones, the precision at a 1 % base rate, and every scored flow as [group, label, score,
 * flagged] (runs that shared out the groups are pooled from these). Figures that are undefined
 * (recall without malicious flows, say) are null.
 */
@JsonPropertyOrder({"groups", "pooled", "precision_at_1pct_base_rate", "scored_flows"})
record LeaveOneGroupOutMetrics(@JsonProperty("groups") List<Group> groups, @JsonProperty("pooled") Group pooled,
                               @JsonProperty("precision_at_1pct_base_rate") Double precisionAtOnePercent,
                               @JsonProperty("scored_flows") List<List<Object>> scoredFlows) {

    /** One group's figures, or the pooled ones. */
    @JsonPropertyOrder({"group", "benign", "malicious", "tp", "fp", "recall", "fpr", "roc_auc", "threshold"})
    record Group(@JsonProperty("group") String group, @JsonProperty("benign") int benign,
                 @JsonProperty("malicious") int malicious, @JsonProperty("tp") long truePositives,
                 @JsonProperty("fp") long falsePositives, @JsonProperty("recall") Double recall,
                 @JsonProperty("fpr") Double fpr, @JsonProperty("roc_auc") Double rocAuc,
                 @JsonProperty("threshold") double threshold) {
        static Group of(LeaveOneGroupOut.GroupResult r) {
            return new Group(r.group(), r.benign(), r.malicious(), r.truePositives(), r.falsePositives(),
                    finiteOrNull(r.recall()), finiteOrNull(r.fpr()), finiteOrNull(r.rocAuc()), r.threshold());
        }
    }

    static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
