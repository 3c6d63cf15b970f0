package org.flowmeter.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileSelectionTest {
    private static final int[] LABELS = {0, 0, 0, 0, 1, 1, 1, 1};

    @Test
    void leavesOutConstantsAndTheSameQuantityInAnotherUnit() {
        String[] names = {"constant", "flowDuration", "Flow Duration", "noise", "packets"};
        double[][] columns = {
            {7, 7, 7, 7, 7, 7, 7, 7},
            {1000, 2000, 3000, 4000, 9000, 8000, 7000, 6000}, // separates perfectly
            {1, 2, 3, 4, 9, 8, 7, 6}, // the same in microseconds
            {5, 1, 4, 2, 3, 6, 1, 5},
            {1, 2, 1, 3, 4, 2, 5, 6},
        };
        List<FeatureSeparation> chosen = ProfileSelection.choose(names, columns, LABELS, 20);
        assertThat(chosen).extracting(FeatureSeparation::name).containsExactly("flowDuration", "packets", "noise");
        assertThat(chosen.get(0).separation()).isEqualTo(1.0);
    }

    @Test
    void keepsTheMostSeparatingUpToTheLimit() {
        String[] names = {"a", "b", "c"};
        double[][] columns = {
            {1, 2, 1, 3, 4, 2, 5, 6},
            {1, 2, 3, 4, 9, 8, 7, 6},
            {5, 1, 4, 2, 3, 6, 1, 5},
        };
        assertThat(ProfileSelection.choose(names, columns, LABELS, 2)).extracting(FeatureSeparation::name)
                .containsExactly("b", "a");
    }

    @Test
    void ranksShareTiesAndCorrelationIgnoresScale() {
        assertThat(ProfileSelection.ranks(new double[] {10, 20, 10, 30})).containsExactly(1.5, 3, 1.5, 4);
        assertThat(ProfileSelection.correlation(new double[] {1, 2, 3}, new double[] {30, 20, 10})).isEqualTo(1.0);
        assertThat(ProfileSelection.constant(new double[] {2, 2})).isTrue();
    }
}
