package org.flowmeter.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TicksTest {
    @Test
    void linearTicksAreRoundAndInside() {
        assertThat(Ticks.linear(0, 1, 6, false)).containsExactly(0, 0.2, 0.4, 0.6000000000000001, 0.8, 1);
        assertThat(Ticks.linear(37, 1514, 6, true)).containsExactly(500, 1000, 1500);
    }

    @Test
    void wholeNumberedAxesGetNoFractionalTicks() {
        // Packet counts 0..3 would otherwise get ticks at 0.5 packets.
        assertThat(Ticks.linear(-0.5, 3.5, 9, true)).containsExactly(0, 1, 2, 3);
        assertThat(Ticks.linear(-0.5, 3.5, 9, false)).contains(0.5);
    }

    @Test
    void coveringEndsAtOrAboveTheTop() {
        assertThat(Ticks.covering(14, 5, true)).containsExactly(0, 5, 10, 15);
        assertThat(Ticks.covering(1, 5, true)).containsExactly(0, 1);
        assertThat(Ticks.covering(0, 5, true)).containsExactly(0, 1);
    }

    @Test
    void powersOfTenThinOutOnWideRanges() {
        assertThat(Ticks.powersOfTen(0.3, 4.2, 6)).containsExactly(1, 2, 3, 4);
        assertThat(Ticks.powersOfTen(0, 11, 6)).containsExactly(0, 2, 4, 6, 8, 10);
    }
}
