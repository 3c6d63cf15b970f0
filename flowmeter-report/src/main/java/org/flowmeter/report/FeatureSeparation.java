package org.flowmeter.report;

import org.flowmeter.model.Metrics;

/** How well one feature alone separates the classes: max(AUC, 1 - AUC), 0.5 when undefined. */
record FeatureSeparation(int column, String name, double separation) {
    static FeatureSeparation of(int column, String name, double[] values, int[] labels) {
        double auc = Metrics.rocAuc(labels, values);
        return new FeatureSeparation(column, name, Double.isNaN(auc) ? 0.5 : Math.max(auc, 1 - auc));
    }
}
