package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Packed statistics give RunningStats' values to the last bit, added one by one and merged. */
class PackedStatsTest {

    private static void assertSame(double[] packed, int at, RunningStats expected) {
        assertThat(PackedStats.count(packed, at)).isEqualTo(expected.count());
        assertThat(PackedStats.sum(packed, at)).isEqualTo(expected.sum());
        assertThat(PackedStats.min(packed, at)).isEqualTo(expected.min());
        assertThat(PackedStats.max(packed, at)).isEqualTo(expected.max());
        assertThat(PackedStats.mean(packed, at)).isEqualTo(expected.mean());
        assertThat(PackedStats.populationStd(packed, at)).isEqualTo(expected.populationStd());
        assertThat(PackedStats.sampleStd(packed, at)).isEqualTo(expected.sampleStd());
        assertThat(PackedStats.populationVariance(packed, at)).isEqualTo(expected.populationVariance());
    }

    @Test
    void emptyStreamsReadZero() {
        double[] packed = PackedStats.of(2);
        assertSame(packed, 0, new RunningStats());
        assertSame(packed, PackedStats.WIDTH, new RunningStats());
    }

    @Test
    void addAndMergeMatchRunningStatsExactly() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            double[] packed = PackedStats.of(2);
            RunningStats a = new RunningStats();
            RunningStats b = new RunningStats();
            int n = random.nextInt(50);
            int m = random.nextInt(50);
            for (int i = 0; i < n + m; i++) {
                // packet sizes and nanosecond gaps: whole numbers over a wide range
                double x = random.nextBoolean() ? 40 + random.nextInt(1500) : random.nextInt(2_000_000_000);
                if (i < n) {
                    a.add(x);
                    PackedStats.add(packed, 0, x);
                } else {
                    b.add(x);
                    PackedStats.add(packed, PackedStats.WIDTH, x);
                }
            }
            assertSame(packed, 0, a);
            assertSame(packed, PackedStats.WIDTH, b);
            a.merge(b);
            PackedStats.merge(packed, 0, packed, PackedStats.WIDTH);
            assertSame(packed, 0, a);
        }
    }
}
