package org.flowmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SampleStatsTest {
    @Test
    void variationIsTheStandardDeviationOverTheMean() {
        // 1, 2, 3, 4: mean 2.5, population variance 30 / 4 - 6.25 = 1.25
        assertThat(SampleStats.variation(4, 10, 30)).isCloseTo(Math.sqrt(1.25) / 2.5, within(1e-15));
        assertThat(SampleStats.variation(3, 21, 147)).as("7, 7, 7").isZero();
    }

    @Test
    void withoutAPositiveMeanThereIsNoVariationToSpeakOf() {
        assertThat(SampleStats.variation(3, 0, 0)).isInfinite();
    }
}
