package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The "with one more value" readings must be exactly what adding the value would give. */
class RunningStatsTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void readingsWithOneMoreValueEqualAddingItBitForBit(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RunningStats stats = new RunningStats();
        for (int i = 0; i < 500; i++) {
            // Small integers repeat (as message sizes do); large ones spread the variance.
            double next = random.nextBoolean() ? random.nextInt(4) : random.nextInt(1, 1_000_000);
            RunningStats added = stats.copy();
            added.add(next);
            assertThat(stats.meanWith(next)).isEqualTo(added.mean());
            assertThat(stats.populationStdWith(next)).isEqualTo(added.populationStd());
            assertThat(stats.maxWith(next)).isEqualTo(added.max());
            long countBefore = stats.count();
            stats.add(next);
            assertThat(stats.count()).isEqualTo(countBefore + 1);
        }
    }

    @Test
    void oneValueIntoEmptyStatsIsThatValueWithNoSpread() {
        RunningStats empty = new RunningStats();
        assertThat(empty.meanWith(7)).isEqualTo(7.0);
        assertThat(empty.populationStdWith(7)).isEqualTo(0.0);
        assertThat(empty.maxWith(-3)).isEqualTo(-3.0);
        assertThat(empty.count()).isZero();
        assertThat(empty.mean()).isZero();
    }
}
