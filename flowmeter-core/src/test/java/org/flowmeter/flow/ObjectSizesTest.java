package org.flowmeter.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Layout arithmetic with compressed references, checked against sizes worked out by hand. */
class ObjectSizesTest {
    static final class TwoLongs {
        long a;
        long b;
    }

    static final class Holder {
        final int[] ints = new int[3];
        final TwoLongs child = new TwoLongs();
        transient TwoLongs shared = new TwoLongs();
        boolean flag;
    }

    @Test
    void objectsArraysAndTheirChildren() {
        // header 12 + 16 = 28, rounded to 32
        assertThat(ObjectSizes.deepSize(new TwoLongs())).isEqualTo(32);
        // array header 16 + 3 * 4 = 28 -> 32
        assertThat(ObjectSizes.deepSize(new int[3])).isEqualTo(32);
        // Holder: 12 + 3 references + 1 = 25 -> 32; its array 32 and child 32; the transient field's object not followed
        assertThat(ObjectSizes.deepSize(new Holder())).isEqualTo(96);
    }

    @Test
    void anObjectReachedTwiceCountsOnce() {
        TwoLongs t = new TwoLongs();
        Object[] both = {t, t};
        assertThat(ObjectSizes.deepSize(both)).isEqualTo(24 + 32);
    }

    @Test
    void theSharedStateCountsEveryPacketOfEveryBatch() {
        long walked = (FlowPipeline.BATCHES + 1) * ObjectSizes.deepSize(new DecodedBatch());
        assertThat(MemoryBudget.sharedBytes(java.util.List.of(new org.flowmeter.feature.DeepfenceFeatures()))).isEqualTo(walked);
    }
}
