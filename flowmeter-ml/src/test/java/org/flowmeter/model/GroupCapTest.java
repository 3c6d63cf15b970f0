package org.flowmeter.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GroupCapTest {
    @Test
    void capsOnlyTheChosenClassPerGroupAndIsSeeded() {
        // Group 0: 5 malicious and 2 benign rows; group 1: 2 malicious rows.
        int[] labels = {1, 1, 0, 1, 1, 0, 1, 1, 1};
        int[] groups = {0, 0, 0, 0, 0, 0, 0, 1, 1};
        int[] kept = GroupCap.keep(labels, groups, Dataset.MALICIOUS, 3, 7);
        assertThat(Arrays.stream(kept).filter(i -> groups[i] == 0 && labels[i] == 1).count()).isEqualTo(3);
        assertThat(kept).contains(2, 5, 7, 8).isSorted().hasSize(7);
        assertThat(GroupCap.keep(labels, groups, Dataset.MALICIOUS, 3, 7)).containsExactly(kept);
        assertThat(GroupCap.keep(labels, groups, Dataset.MALICIOUS, 5, 7)).hasSize(9);
    }
}
