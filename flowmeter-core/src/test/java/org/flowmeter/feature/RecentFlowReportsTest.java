package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The window of reported flows: expiry by the packet clock, the bound, and rates over the span held. */
class RecentFlowReportsTest {
    private static final long S = 1_000_000_000L;
    private static final int SVC_FLOWS = RecentFlowReports.SVC_FLOWS;
    private static final int SVC_RATE = RecentFlowReports.SVC_FLOWS_PER_SECOND;
    private static final int SVC_SOURCES = RecentFlowReports.SVC_SOURCES;

    private static RecentFlowReports.Keys flow(int source, int service) {
        return RecentFlowReports.Keys.of(4, 0, source, 0, 99, service);
    }

    @Test
    void aFlowLeavesWhenTheClockIsAWindowPastItsReportAndEmptyKeysAreDropped() {
        RecentFlowReports r = new RecentFlowReports(60 * S, 1000);
        r.tick(0);
        r.add(flow(1, 80), false, false);
        r.tick(10 * S);
        r.add(flow(2, 80), true, true);
        assertThat(r.size()).isEqualTo(2);
        r.tick(60 * S); // the first is exactly a window old: out
        r.expire();
        assertThat(r.size()).isEqualTo(1);
        double[] v = new double[RecentFlowReports.VALUES];
        r.describe(flow(2, 80), false, true, true, v, 0);
        assertThat(v[SVC_FLOWS]).isEqualTo(1);
        assertThat(v[SVC_SOURCES]).isEqualTo(1);
        r.tick(70 * S);
        r.expire();
        assertThat(r.size()).isZero();
        assertThat(r.keys()).as("no tally outlives its flows").isZero();
    }

    @Test
    void beyondTheBoundCountsCoverAShorterSpanAndTheRateIsTakenOverIt() {
        RecentFlowReports r = new RecentFlowReports(60 * S, 4);
        for (int i = 0; i < 6; i++) {
            r.tick(i * S);
            r.add(flow(i, 80), true, true);
        }
        // held: the flows of 2, 3, 4, 5 s; the one of 1 s left early, so the span is 5 - 1 = 4 s
        assertThat(r.size()).isEqualTo(4);
        assertThat(r.spanSeconds()).isEqualTo(4.0);
        double[] v = new double[RecentFlowReports.VALUES];
        r.describe(flow(5, 80), false, true, true, v, 0);
        assertThat(v[SVC_FLOWS]).isEqualTo(4);
        assertThat(v[SVC_RATE]).as("one flow a second, as sent").isEqualTo(1.0);
        assertThat(v[SVC_SOURCES]).isEqualTo(4);
        // once the early leaver is a window old, the full window is the span again
        r.tick(61 * S);
        r.expire();
        assertThat(r.spanSeconds()).isEqualTo(60.0);
        assertThat(r.size()).as("2 s is a window old at 62 s, not yet at 61 s").isEqualTo(4);
    }

    @Test
    void theRingGrowsPastItsFirstSizeKeepingReportOrder() {
        RecentFlowReports r = new RecentFlowReports(60 * S, 10_000);
        for (int i = 0; i < 1000; i++) {
            r.tick(i * (S / 100)); // 100 flows a second for 10 s
            r.add(flow(i % 7, 80 + i % 3), i % 2 == 0, i % 2 == 0);
        }
        double[] v = new double[RecentFlowReports.VALUES];
        r.describe(flow(0, 80), false, true, true, v, 0);
        assertThat(v[RecentFlowReports.SRC_FLOWS]).as("flows of source 0: i = 0, 7, ..., 994").isEqualTo(143);
        assertThat(v[RecentFlowReports.SRC_ENDPOINTS]).as("source 0 used all three services").isEqualTo(3);
        assertThat(v[SVC_FLOWS]).as("flows to service 80: i % 3 == 0").isEqualTo(334);
        assertThat(v[SVC_SOURCES]).isEqualTo(7);
        r.tick(70 * S);
        r.expire();
        assertThat(r.keys()).isZero();
    }
}
