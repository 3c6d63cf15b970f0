package org.flowmeter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The sign-constrained solver against liblinear: scikit-learn's reference fits (liblinear) when no
 * bound binds, and liblinear without the bound feature when one does (at the optimum a weight
 * held at zero contributes nothing, so the others solve the problem without that column).
 */
class BoundedLogisticSolverTest {
    private static final SklearnReference REF = SklearnReference.load();
    private static final double INF = Double.POSITIVE_INFINITY;
    private final BoundedLogisticSolver solver = new BoundedLogisticSolver(1e-10, 500);
    private final LogisticTrainer liblinear = new LogisticTrainer(1e-10, 100_000, 1L);

    private static Hyper hyperOf(String name) {
        JsonNode fit = REF.json.get("fits").get(name);
        Dataset data = REF.dataset;
        double wBenign;
        double wMalicious;
        if (fit.get("classWeight").isString()) {
            wBenign = data.size() / (2.0 * data.countBenign());
            wMalicious = data.size() / (2.0 * data.countMalicious());
        } else {
            wBenign = fit.get("classWeight").get("0").doubleValue();
            wMalicious = fit.get("classWeight").get("1").doubleValue();
        }
        return new Hyper(Penalty.valueOf(fit.get("penalty").stringValue()), fit.get("C").doubleValue(),
                wBenign, wMalicious, true);
    }

    private LogisticTrainer.Coefficients fit(Dataset data, Hyper hyper, double[] lower, double[] upper) {
        int[] all = IntStream.range(0, data.size()).toArray();
        return solver.fit(data.rows(), data.labels(), all, StandardScaler.fit(data.rows()), hyper, lower, upper);
    }

    @ParameterizedTest
    @ValueSource(strings = {"l1_w99", "l1_balanced", "l2_w99", "l2_balanced"})
    void withoutBoundsMatchesSklearnLiblinear(String name) {
        JsonNode ref = REF.json.get("fits").get(name);
        double[] none = new double[5];
        Arrays.fill(none, -INF);
        double[] up = new double[5];
        Arrays.fill(up, INF);
        LogisticTrainer.Coefficients c = fit(REF.dataset, hyperOf(name), none, up);
        assertThat(c.weights()).containsExactly(SklearnReference.doubles(ref.get("coef")), within(1e-4));
        assertThat(c.intercept()).isCloseTo(ref.get("intercept").doubleValue(), within(1e-4));
    }

    /** Bounds that agree with the unconstrained signs (f1's weight is negative, the others positive) change nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"l1_w99", "l2_balanced"})
    void boundsThatDoNotBindChangeNothing(String name) {
        JsonNode ref = REF.json.get("fits").get(name);
        double[] lower = {0, -INF, 0, 0, 0};
        double[] upper = {INF, 0, INF, INF, INF};
        LogisticTrainer.Coefficients c = fit(REF.dataset, hyperOf(name), lower, upper);
        assertThat(c.weights()).containsExactly(SklearnReference.doubles(ref.get("coef")), within(1e-4));
    }

    /**
     * f1's unconstrained weight is negative; required to be at least zero it is held at zero and
     * the other weights are liblinear's fit without f1.
     */
    @ParameterizedTest
    @ValueSource(strings = {"l1_w99", "l1_balanced", "l2_w99", "l2_balanced"})
    void aWrongSignIsHeldAtZeroAndTheRestIsTheFitWithoutThatFeature(String name) {
        Hyper hyper = hyperOf(name);
        assertThat(REF.json.get("fits").get(name).get("coef").get(1).doubleValue()).isNegative();
        double[] lower = {-INF, 0, -INF, -INF, -INF};
        double[] upper = {INF, INF, INF, INF, INF};
        LogisticTrainer.Coefficients c = fit(REF.dataset, hyper, lower, upper);
        assertThat(c.weights()[1]).isZero();

        int[] keep = {0, 2, 3, 4};
        double[][] rows = Arrays.stream(REF.dataset.rows())
                .map(r -> Arrays.stream(keep).mapToDouble(j -> r[j]).toArray()).toArray(double[][]::new);
        // Same scaling as the full fit: the scaler of a column does not depend on the others.
        Dataset without = new Dataset(new String[] {"f0", "f2", "f3", "f4"}, rows, REF.dataset.labels());
        LogisticModel reference = liblinear.train(without, hyper, "t");
        double[] ours = Arrays.stream(keep).mapToDouble(j -> c.weights()[j]).toArray();
        assertThat(ours).containsExactly(reference.weights(), within(1e-4));
        assertThat(c.intercept()).isCloseTo(reference.intercept(), within(1e-4));
    }

    /** Every bound holds in models the trainer fits, whichever penalty and whichever signs are asked for. */
    @ParameterizedTest
    @ValueSource(strings = {"l1_w99", "l2_w99", "l2_balanced"})
    void trainerKeepsEverySign(String name) {
        Hyper hyper = hyperOf(name);
        LogisticModel free = liblinear.train(REF.dataset, hyper, "t");
        int[] flipped = new int[5];
        for (int j = 0; j < 5; j++) {
            flipped[j] = free.weights()[j] > 0 ? -1 : 1;
        }
        LogisticModel constrained = liblinear.withDirections(flipped).train(REF.dataset, hyper, "t");
        for (int j = 0; j < 5; j++) {
            assertThat(constrained.weights()[j] * flipped[j]).as("weight %d", j).isGreaterThanOrEqualTo(0);
        }
        assertThat(constrained.metadata().get("solver").toString()).contains("sign-constrained");
        assertThat(SignConstraints.anyConstrained(liblinear.withDirections(flipped).directions())).isTrue();
    }
}
