package org.flowmeter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogisticModelTest {
    private final LogisticModel model = new LogisticModel("t", new String[] {"a", "b"},
            new double[] {10, 0}, new double[] {2, 1}, new double[] {1, -1}, 0.5, 0.5, null);

    @Test
    void scoreStandardisesThenAppliesSigmoid() {
        // z = 0.5 + 1 * (14 - 10) / 2 - 1 * 1 = 1.5
        assertThat(model.decision(new double[] {14, 1})).isCloseTo(1.5, within(1e-15));
        assertThat(model.score(new double[] {14, 1})).isCloseTo(1 / (1 + Math.exp(-1.5)), within(1e-15));
    }

    @Test
    void sigmoidIsStableAtExtremes() {
        assertThat(LogisticModel.sigmoid(1000)).isEqualTo(1.0);
        assertThat(LogisticModel.sigmoid(-1000)).isEqualTo(0.0);
        assertThat(LogisticModel.sigmoid(-40)).isCloseTo(Math.exp(-40), within(1e-30));
        assertThat(LogisticModel.sigmoid(0)).isEqualTo(0.5);
    }

    @Test
    void thresholdDecides() {
        assertThat(model.isMalicious(0.5)).isTrue();
        assertThat(model.isMalicious(0.49)).isFalse();
        LogisticModel strict = model.withThreshold(0.9);
        assertThat(strict.threshold()).isEqualTo(0.9);
        assertThat(strict.isMalicious(0.5)).isFalse();
        assertThat(model.threshold()).isEqualTo(0.5);
        assertThat(model.isMalicious(Double.NaN)).isFalse();
    }

    @Test
    void rejectsInconsistentParameters() {
        assertThatThrownBy(() -> new LogisticModel("t", new String[] {"a"}, new double[] {0, 1},
                new double[] {1}, new double[] {1}, 0, 0.5, null)).hasMessageContaining("mean has 2 values");
        assertThatThrownBy(() -> new LogisticModel("t", new String[] {"a"}, new double[] {0},
                new double[] {0}, new double[] {1}, 0, 0.5, null)).hasMessageContaining("std[0] (a)");
        assertThatThrownBy(() -> model.score(new double[] {1})).hasMessageContaining("expected 2");
    }
}
