package org.flowmeter.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The packed VLAN ids of the decoder (outer tag's id above the inner one's) as two columns. */
class VlanIdsTest {
    @Test
    void untaggedSingleAndDoubleTags() {
        assertThat(VlanIds.outer(0)).isZero();
        assertThat(VlanIds.inner(0)).isZero();
        assertThat(VlanIds.outer(100)).isEqualTo(100);
        assertThat(VlanIds.inner(100)).isZero();
        assertThat(VlanIds.outer(4095)).isEqualTo(4095);
        assertThat(VlanIds.inner(4095)).isZero();
        assertThat(VlanIds.outer(100 << 12 | 101)).isEqualTo(100);
        assertThat(VlanIds.inner(100 << 12 | 101)).isEqualTo(101);
        assertThat(VlanIds.outer(4095 << 12 | 4095)).isEqualTo(4095);
        assertThat(VlanIds.inner(4095 << 12 | 4095)).isEqualTo(4095);
    }

    /** Three tags: the two nearest the IP header, as the decoder keeps them. */
    @Test
    void ofThreeTagsTheTwoInnermost() {
        int packed = 1 << 24 | 2 << 12 | 3;
        assertThat(VlanIds.outer(packed)).isEqualTo(2);
        assertThat(VlanIds.inner(packed)).isEqualTo(3);
    }
}
