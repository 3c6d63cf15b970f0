package org.flowmeter.report;

/**
 * What the report shows of a logistic model: weights act on standardized features, so their
 * magnitudes compare across features.
 */
public record ModelSummary(String name, String[] features, double[] weights, double intercept, double threshold) {
    public ModelSummary {
        if (features.length != weights.length) {
            throw new IllegalArgumentException("features and weights differ in length");
        }
    }
}
