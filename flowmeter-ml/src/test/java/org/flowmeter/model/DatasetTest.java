package org.flowmeter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatasetTest {
    private final Dataset data = new Dataset(new String[] {"a", "b"},
            new double[][] {{1, 2}, {Double.NaN, 0}, {3, Double.POSITIVE_INFINITY}, {4, 5}, {6, 7}},
            new int[] {0, 1, 0, 1, 1});

    @Test
    void countsPerClass() {
        assertThat(data.countBenign()).isEqualTo(2);
        assertThat(data.countMalicious()).isEqualTo(3);
    }

    @Test
    void dropsRowsWithNaNOrInfinity() {
        Dataset.Cleaned cleaned = data.dropNonFinite();
        assertThat(cleaned.dropped()).isEqualTo(2);
        assertThat(cleaned.dataset().rows()).isDeepEqualTo(new double[][] {{1, 2}, {4, 5}, {6, 7}});
        assertThat(cleaned.dataset().labels()).containsExactly(0, 1, 1);
    }

    @Test
    void subsetKeepsOrder() {
        Dataset s = data.subset(new int[] {4, 0});
        assertThat(s.row(0)).containsExactly(6, 7);
        assertThat(s.labels()).containsExactly(1, 0);
        assertThat(s.featureNames()).containsExactly("a", "b");
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new Dataset(new String[] {"a"}, new double[][] {{1}}, new int[] {2}))
                .hasMessageContaining("label 2");
        assertThatThrownBy(() -> new Dataset(new String[] {"a"}, new double[][] {{1, 2}}, new int[] {0}))
                .hasMessageContaining("row 0 has 2 values");
    }
}
