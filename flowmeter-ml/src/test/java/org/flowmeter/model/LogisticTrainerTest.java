package org.flowmeter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LogisticTrainerTest {
    private static final SklearnReference REF = SklearnReference.load();

    // The reference was fitted with tol=1e-10, so fit just as tightly here: with the default
    // tolerance each library stops at a slightly different point near the optimum.
    private final LogisticTrainer trainer = new LogisticTrainer(1e-10, 100_000, 1L);

    @Test
    void scalerMatchesSklearn() {
        StandardScaler scaler = StandardScaler.fit(REF.dataset.rows());
        assertThat(scaler.mean()).containsExactly(SklearnReference.doubles(REF.json.get("mean")), within(1e-12));
        double[] std = SklearnReference.doubles(REF.json.get("std"));
        double[] ours = scaler.std();
        for (int j = 0; j < std.length; j++) {
            assertThat(ours[j]).isCloseTo(std[j], within(1e-12 * std[j]));
        }
    }

    @Test
    void constantColumnGetsScaleOne() {
        double[][] rows = {{0.1, 1}, {0.1, 2}, {0.1, 3}};
        assertThat(StandardScaler.fit(rows).std()[0]).isEqualTo(1.0);
    }

    /**
     * Coefficients and intercept agree within 1e-4 absolute (they are of order 1, so this is also
     * about 1e-4 relative); probabilities within 1e-5 absolute. Observed: L1 fits agree to about
     * 1e-9, L2 fits to about 1e-7 (the Newton solvers of the two liblinear builds stop a little
     * differently), so these bounds leave ample margin without being loosened.
     */
    @ParameterizedTest
    @ValueSource(strings = {"l1_w99", "l1_balanced", "l2_w99", "l2_balanced"})
    void matchesSklearnLiblinear(String name) {
        JsonNode fit = REF.json.get("fits").get(name);
        Dataset data = REF.dataset;
        double wBenign;
        double wMalicious;
        if (fit.get("classWeight").isString()) {
            // scikit-learn's "balanced": n / (2 * n_class)
            wBenign = data.size() / (2.0 * data.countBenign());
            wMalicious = data.size() / (2.0 * data.countMalicious());
        } else {
            wBenign = fit.get("classWeight").get("0").doubleValue();
            wMalicious = fit.get("classWeight").get("1").doubleValue();
        }
        Hyper hyper = new Hyper(Penalty.valueOf(fit.get("penalty").stringValue()),
                fit.get("C").doubleValue(), wBenign, wMalicious, true);

        LogisticModel model = trainer.train(data, hyper, "test");

        assertThat(model.weights()).containsExactly(SklearnReference.doubles(fit.get("coef")), within(1e-4));
        assertThat(model.intercept()).isCloseTo(fit.get("intercept").doubleValue(), within(1e-4));
        double[] proba = SklearnReference.doubles(fit.get("proba"));
        for (int i = 0; i < data.size(); i++) {
            assertThat(model.score(data.row(i))).as("row %d", i).isCloseTo(proba[i], within(1e-5));
        }
    }

    @Test
    void weightsPointTowardsMaliciousWhicheverLabelComesFirst() {
        double[][] rows = {{0}, {1}, {2}, {3}, {4}, {5}};
        Dataset benignFirst = new Dataset(new String[] {"x"}, rows, new int[] {0, 0, 0, 1, 0, 1});
        Dataset maliciousFirst = new Dataset(new String[] {"x"}, rows, new int[] {1, 0, 0, 1, 0, 1});
        Hyper hyper = new Hyper(Penalty.L2, 1, 1, 1, true);
        assertThat(trainer.train(benignFirst, hyper, "t").weights()[0]).isPositive();
        assertThat(trainer.train(maliciousFirst, hyper, "t").weights()[0]).isPositive();
    }

    @Test
    void withoutInterceptTheInterceptIsZero() {
        Hyper hyper = new Hyper(Penalty.L2, 0.5, 1, 99, false);
        LogisticModel model = trainer.train(REF.dataset, hyper, "t");
        assertThat(model.intercept()).isZero();
        assertThat(model.weights()).hasSize(5);
    }

    @Test
    void oneClassIsRejected() {
        Dataset oneClass = new Dataset(new String[] {"x"}, new double[][] {{1}, {2}}, new int[] {0, 0});
        assertThatThrownBy(() -> trainer.train(oneClass, new Hyper(Penalty.L2, 1, 1, 1, true), "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
    }
}
