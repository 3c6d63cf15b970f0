package org.flowmeter.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyTableTest {
    @Test
    void aFullBucketDropsItsLeastRecentlySeenKeyButKeepsFlaggedOnes() {
        KeyTable table = new KeyTable(KeyTable.WAYS); // one bucket of four
        assertThat(table.slots()).isEqualTo(4);
        for (long k = 1; k <= 4; k++) {
            table.findOrAdd(k, 0, 0, 0, 0, k * 10);
        }
        int first = table.find(1, 0, 0, 0, 0);
        table.flag(first, 5, 10);
        table.findOrAdd(5, 0, 0, 0, 0, 50); // evicts key 2: key 1 is older but flagged
        assertThat(table.fresh()).isTrue();
        assertThat(table.evictions()).isEqualTo(1);
        assertThat(table.find(2, 0, 0, 0, 0)).isEqualTo(-1);
        assertThat(table.find(1, 0, 0, 0, 0)).isEqualTo(first);
        assertThat(table.covers(first, 5)).isTrue();
        assertThat(table.covers(first, 11)).isFalse();
        assertThat(table.covers(-1, 5)).isFalse();
    }
}
