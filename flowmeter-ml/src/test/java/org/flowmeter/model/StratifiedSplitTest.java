package org.flowmeter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {
    private static int[] labels(int benign, int malicious) {
        int[] labels = new int[benign + malicious];
        for (int i = 0; i < malicious; i++) {
            labels[i * (labels.length / malicious)] = 1;
        }
        return labels;
    }

    private static int positives(int[] labels, int[] indices) {
        int n = 0;
        for (int i : indices) {
            n += labels[i];
        }
        return n;
    }

    @Test
    void foldsKeepTheClassRatioAndCoverEveryRowOnce() {
        int[] labels = labels(470, 33);
        List<StratifiedSplit.Split> folds = StratifiedSplit.kFold(labels, 10, 42);
        Set<Integer> seen = new HashSet<>();
        for (StratifiedSplit.Split fold : folds) {
            assertThat(positives(labels, fold.test())).isBetween(3, 4);
            assertThat(fold.test().length).isBetween(50, 51);
            assertThat(fold.train().length + fold.test().length).isEqualTo(labels.length);
            for (int i : fold.test()) {
                assertThat(seen.add(i)).isTrue();
            }
        }
        assertThat(seen).hasSize(labels.length);
    }

    @Test
    void foldsAreSeeded() {
        int[] labels = labels(90, 10);
        assertThat(StratifiedSplit.kFold(labels, 5, 1).get(0).test())
                .containsExactly(StratifiedSplit.kFold(labels, 5, 1).get(0).test())
                .isNotEqualTo(StratifiedSplit.kFold(labels, 5, 2).get(0).test());
    }

    @Test
    void tooFewMaliciousRowsForTheFolds() {
        assertThatThrownBy(() -> StratifiedSplit.kFold(labels(50, 4), 5, 1))
                .hasMessageContaining("class 1 has 4 rows");
    }

    @Test
    void trainTestSplitIsStratified() {
        int[] labels = labels(900, 100);
        StratifiedSplit.Split split = StratifiedSplit.trainTest(labels, 7);
        assertThat(split.test()).hasSize(300);
        assertThat(positives(labels, split.test())).isEqualTo(30);
        assertThat(positives(labels, split.train())).isEqualTo(70);
        Set<Integer> all = new HashSet<>();
        for (int i : split.train()) {
            all.add(i);
        }
        for (int i : split.test()) {
            assertThat(all.add(i)).isTrue();
        }
        assertThat(all).hasSize(1000);
    }
}
