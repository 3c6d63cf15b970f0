package org.flowmeter.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Hyper-parameters of one logistic-regression fit, with scikit-learn's meaning: {@code c} is the
 * inverse regularisation strength and each class's loss is multiplied by its weight.
 */
public record Hyper(Penalty penalty, double c, double weightBenign, double weightMalicious, boolean fitIntercept) {
    public Hyper {
        Objects.requireNonNull(penalty, "penalty");
        if (!(c > 0) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("C must be positive and finite, is " + c);
        }
        if (!(weightBenign > 0) || !(weightMalicious > 0)
                || !Double.isFinite(weightBenign) || !Double.isFinite(weightMalicious)) {
            throw new IllegalArgumentException("class weights must be positive and finite, are "
                    + weightBenign + " and " + weightMalicious);
        }
    }

    /** For model metadata and reports. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("penalty", penalty.name());
        m.put("C", c);
        m.put("weightBenign", weightBenign);
        m.put("weightMalicious", weightMalicious);
        m.put("fitIntercept", fitIntercept);
        return m;
    }

    @Override
    public String toString() {
        return penalty + " C=" + c + " w={0:" + weightBenign + ",1:" + weightMalicious + "}"
                + (fitIntercept ? " intercept" : " no-intercept");
    }
}
