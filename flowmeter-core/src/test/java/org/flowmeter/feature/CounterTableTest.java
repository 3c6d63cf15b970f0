package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The primitive hash table of the context and load windows, against a HashMap doing the same. */
class CounterTableTest {

    @Test
    void findsAddsCountsAndRemovesKeys() {
        CounterTable t = new CounterTable(2, 4);
        int a = t.add(4, 0, 0x0A000001L, 0, 0);
        int b = t.add(4, 0, 0x0A000002L, 0, 0);
        assertThat(a).isNotEqualTo(b);
        assertThat(t.add(4, 0, 0x0A000001L, 0, 0)).as("the same key, the same entry").isEqualTo(a);
        assertThat(t.find(6, 0, 0x0A000001L, 0, 0)).as("another first part is another key").isEqualTo(-1);
        assertThat(t.addTo(a, 1, 5)).isEqualTo(5);
        assertThat(t.addTo(a, 1, -2)).isEqualTo(3);
        assertThat(t.counter(a, 0)).isZero();
        assertThat(t.counter(b, 1)).isZero();
        assertThat(t.key(a, 2)).isEqualTo(0x0A000001L);
        t.remove(a);
        assertThat(t.find(4, 0, 0x0A000001L, 0, 0)).isEqualTo(-1);
        assertThat(t.find(4, 0, 0x0A000002L, 0, 0)).isEqualTo(b);
        assertThat(t.size()).isEqualTo(1);
        int c = t.add(4, 0, 0x0A000003L, 0, 0);
        assertThat(c).as("a removed entry's number is reused").isEqualTo(a);
        assertThat(t.counter(c, 1)).as("and its counters start at zero").isZero();
    }

    /**
     * Many keys in and out in a random order, with colliding probes (few distinct low bits), the
     * table growing past its first size: every key and counter as a HashMap has them, and the
     * entries of keys still in keep their numbers.
     */
    @Test
    void agreesWithAHashMapThroughGrowthAndRemovals() {
        CounterTable t = new CounterTable(1, 2);
        Map<Long, Integer> counts = new HashMap<>();
        Map<Long, Integer> entries = new HashMap<>();
        Random random = new Random(7);
        for (int step = 0; step < 200_000; step++) {
            long k = random.nextInt(3_000) * 1024L; // addresses alike in their low bits
            if (random.nextInt(3) > 0) {
                int e = t.add(4, k, k + 1, 0, 17);
                Integer before = entries.putIfAbsent(k, e);
                assertThat(before == null || before == e).as("entry of a key still in never changes").isTrue();
                counts.merge(k, 1, Integer::sum);
                assertThat(t.addTo(e, 0, 1)).isEqualTo(counts.get(k));
            } else if (counts.containsKey(k)) {
                int e = t.find(4, k, k + 1, 0, 17);
                assertThat(e).isEqualTo(entries.get(k));
                t.remove(e);
                counts.remove(k);
                entries.remove(k);
            } else {
                assertThat(t.find(4, k, k + 1, 0, 17)).isEqualTo(-1);
            }
        }
        assertThat(t.size()).isEqualTo(counts.size());
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            long k = e.getKey();
            int entry = t.find(4, k, k + 1, 0, 17);
            assertThat(entry).isEqualTo(entries.get(k));
            assertThat(t.counter(entry, 0)).isEqualTo(e.getValue());
        }
        assertThat(t.capacity()).isGreaterThanOrEqualTo(counts.size());
    }
}
