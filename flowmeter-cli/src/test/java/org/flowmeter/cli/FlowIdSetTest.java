package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Classify's set of malicious flow ids holds ids past 2^31, which a BitSet cannot. */
class FlowIdSetTest {
    @Test
    void idsPastTwoToThe31AreKeptApartFromTheIdsTheyTruncateTo() {
        FlowIdSet set = new FlowIdSet();
        long big = (1L << 31) + 5; // (int) big is negative; big & 0xFFFFFFFF is 2^31 + 5
        assertThat(set.add(big)).isTrue();
        assertThat(set.add(1L << 32)).isTrue();
        assertThat(set.add(big)).as("already there").isFalse();
        assertThat(set.contains(big)).isTrue();
        assertThat(set.contains(1L << 32)).isTrue();
        assertThat(set.contains(5)).as("same low bits, other page").isFalse();
        assertThat(set.contains(0)).as("2^32 truncated to an int").isFalse();
        assertThat(set.contains(big + 1)).isFalse();
        assertThat(set.contains(big - 1)).isFalse();
        assertThat(set.contains((1L << 31) + 5 + (1L << 16))).as("next page, same offset").isFalse();
        assertThat(set.size()).isEqualTo(2);
    }

    @Test
    void theExtremesOfLongAreIdsLikeAnyOther() {
        FlowIdSet set = new FlowIdSet();
        for (long id : new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE, -1}) {
            assertThat(set.contains(id)).isFalse();
            set.add(id);
            assertThat(set.contains(id)).isTrue();
        }
        assertThat(set.contains(1)).isFalse();
        assertThat(set.contains(Long.MAX_VALUE - 1)).isFalse();
        assertThat(set.size()).isEqualTo(4);
    }

    /** Ids scattered over many pages (the table grows several times) agree with a HashSet. */
    @Test
    void agreesWithAHashSetOverScatteredAndDenseIds() {
        FlowIdSet set = new FlowIdSet();
        Set<Long> expected = new HashSet<>();
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            long id = i % 2 == 0 ? (1L << 31) - 2500 + i : random.nextLong() >>> random.nextInt(40);
            assertThat(set.add(id)).isEqualTo(expected.add(id));
        }
        assertThat(set.size()).isEqualTo(expected.size());
        Random probe = new Random(8);
        for (int i = 0; i < 20000; i++) {
            long id = i % 2 == 0 ? (1L << 31) - 5000 + i / 2 : probe.nextLong() >>> probe.nextInt(40);
            assertThat(set.contains(id)).as("id %d", id).isEqualTo(expected.contains(id));
        }
        for (long id : expected) {
            assertThat(set.contains(id)).isTrue();
        }
    }
}
