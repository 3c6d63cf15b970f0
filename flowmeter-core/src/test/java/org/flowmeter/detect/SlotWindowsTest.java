package org.flowmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlotWindowsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void distinctValuesAreExactPastTheFirstArrayAndCappedAtTheCap() {
        SlotWindows w = new SlotWindows(2, 10 * SECOND, 1, 12);
        w.roll(0, 0);
        for (long v = 1; v <= 9; v++) { // past the first array of 4 and its doubling to 8
            w.mark(0, v);
            w.mark(0, v); // a repeat adds nothing
        }
        assertThat(w.distinct(0)).isEqualTo(9);
        assertThat(w.distinct(1)).isZero();
        for (long v = 100; v < 110; v++) {
            w.mark(0, v);
        }
        assertThat(w.distinct(0)).isEqualTo(12); // the cap: "at least 12"
    }

    @Test
    void theNextWindowKeepsThePreviousSetAndCountsTheUnion() {
        SlotWindows w = new SlotWindows(1, 10 * SECOND, 1, 20);
        w.roll(0, 0);
        for (long v = 1; v <= 6; v++) {
            w.mark(0, v);
        }
        w.roll(0, 12 * SECOND); // the window after: values 1-6 move to the previous one
        w.mark(0, 5);
        w.mark(0, 6);
        w.mark(0, 7);
        assertThat(w.distinct(0)).isEqualTo(7); // 1..7
        assertThat(w.distinctAround(0, 25 * SECOND)).isEqualTo(3); // the current window alone: 5, 6, 7
        w.roll(0, 21 * SECOND); // 1-6 leave; 5, 6, 7 are the previous window now
        w.mark(0, 1);
        w.mark(0, 7);
        assertThat(w.distinct(0)).isEqualTo(4); // 5, 6, 7 and 1
        w.roll(0, 60 * SECOND); // two windows later: both forgotten
        assertThat(w.distinct(0)).isZero();
        w.mark(0, 9);
        assertThat(w.distinct(0)).isEqualTo(1);
    }

    @Test
    void aResetSlotForgetsItsValues() {
        SlotWindows w = new SlotWindows(1, 10 * SECOND, 1, 8);
        w.roll(0, 0);
        for (long v = 1; v <= 5; v++) {
            w.mark(0, v);
        }
        w.reset(0);
        w.roll(0, SECOND);
        w.mark(0, 3);
        assertThat(w.distinct(0)).isEqualTo(1);
    }
}
