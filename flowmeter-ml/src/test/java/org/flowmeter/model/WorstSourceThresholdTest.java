package org.flowmeter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorstSourceThresholdTest {
    private static final List<String> NAMES = List.of("lab", "public", "flood");
    private static final int[] GROUP = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, -1};
    private static final int[] LABELS = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1};
    // The score each row gets when it is held out (a stand-in for a model fitted without its source).
    private static final double[] HELD_OUT_SCORE = {0.1, 0.2, 0.3, 0.9, 0.5, 0.6, 0.7, 0.8, 0.95, 0.99, 0.4, 0.97};

    @Test
    void onlyGroupsOfBenignRowsAreSources() {
        assertThat(WorstSourceThreshold.benignOnly(LABELS, GROUP, 3)).containsExactly(true, true, false);
    }

    @Test
    void aHeldOutSourceIsNeverFittedOnAndTheWorstSourceSetsTheThreshold() {
        List<int[]> heldOuts = new ArrayList<>();
        WorstSourceThreshold.Outcome out = WorstSourceThreshold.choose(LABELS, GROUP, NAMES, 0.25, 0.4,
                (train, heldOut) -> {
                    heldOuts.add(heldOut);
                    int source = GROUP[heldOut[0]];
                    for (int i : heldOut) {
                        assertThat(GROUP[i]).isEqualTo(source);
                    }
                    for (int i : train) {
                        assertThat(GROUP[i]).isNotEqualTo(source);
                    }
                    // Everything else is fitted on: the other source, the attack family, rows of no group.
                    assertThat(train.length + heldOut.length).isEqualTo(GROUP.length);
                    return Arrays.stream(heldOut).mapToDouble(i -> HELD_OUT_SCORE[i]).toArray();
                });
        // The family's group is never held out: it has malicious rows.
        assertThat(heldOuts).hasSize(2);
        // lab alone: at 0.9 one of 4 flagged (0.25), at 0.3 two (0.5): 0.9. public alone: 0.8. Largest: 0.9.
        assertThat(out.threshold()).isEqualTo(0.9);
        assertThat(out.sources()).extracting(WorstSourceThreshold.Source::name).containsExactly("lab", "public");
        assertThat(out.sources().get(0).threshold()).isEqualTo(0.9);
        assertThat(out.sources().get(1).threshold()).isEqualTo(0.8);
        assertThat(out.sources().get(0).fpr()).isCloseTo(0.25, within(1e-12));
        assertThat(out.sources().get(1).fpr()).isZero();
        assertThat(out.worstFpr()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void theFloorWinsWhenEverySourceIsQuietBelowIt() {
        WorstSourceThreshold.Outcome out = WorstSourceThreshold.choose(LABELS, GROUP, NAMES, 0.5, 0.95,
                (train, heldOut) -> Arrays.stream(heldOut).mapToDouble(i -> HELD_OUT_SCORE[i]).toArray());
        assertThat(out.threshold()).isEqualTo(0.95);
        assertThat(out.worstFpr()).isZero();
    }

    @Test
    void aTargetOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> WorstSourceThreshold.choose(LABELS, GROUP, NAMES, 1.5, 0, (t, h) -> new double[h.length]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
