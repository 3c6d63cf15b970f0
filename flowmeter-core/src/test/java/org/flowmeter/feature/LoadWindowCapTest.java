package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowmeter.flow.ObjectSizes;
import org.junit.jupiter.api.Test;

/** The load set's window of reported flows: what a memory cap counts for it, and how a small cap bounds it. */
class LoadWindowCapTest {
    private static final long MINUTE = 60_000_000_000L;

    @Test
    void aWindowFullOfFlowsWithFiveDistinctTalliesEachTakesWhatIsCounted() {
        int capacity = 4096;
        RecentFlowReports window = new RecentFlowReports(MINUTE, capacity);
        for (int i = 0; i < capacity; i++) {
            window.tick(i);
            // a distinct source, destination and service each time: five new tallies per flow
            window.add(RecentFlowReports.Keys.of(4, 0, 0x0A000000L + i, 0, 0xAC000000L + i, 6 << 16 | i), true, false);
        }
        assertThat(window.size()).isEqualTo(capacity);
        assertThat(window.keys()).isEqualTo(5 * capacity);
        long measured = ObjectSizes.deepSize(window);
        long counted = RecentFlowReports.worstCaseBytes(capacity);
        // counted: the ring, the tallies' arrays at their grown size; measured also the window's
        // own fields and scratch array
        assertThat(counted).isLessThanOrEqualTo(measured).isGreaterThan(measured - 1024);
    }

    @Test
    void theWindowHoldsAllItsFlowsUnderALargeCapAndFewerUnderASmallOne() {
        LoadFeatures full = new LoadFeatures();
        assertThat(full.within(3L << 30)).isSameAs(full);
        assertThat(full.within(8 * RecentFlowReports.worstCaseBytes(LoadFeatures.MAX_HELD_FLOWS))).isSameAs(full);
        assertThat(full.sharedStateBytes()).isEqualTo(RecentFlowReports.worstCaseBytes(1 << 17));

        long cap = 128L << 20;
        LoadFeatures bounded = (LoadFeatures) full.within(cap);
        int held = bounded.maxHeldFlows();
        assertThat(Integer.bitCount(held)).isEqualTo(1);
        assertThat(bounded.sharedStateBytes()).isLessThanOrEqualTo(cap / 8);
        assertThat(RecentFlowReports.worstCaseBytes(2 * held)).isGreaterThan(cap / 8);
        assertThat(((LoadFeatures) full.within(1 << 20)).maxHeldFlows()).isEqualTo(1024);
    }
}
