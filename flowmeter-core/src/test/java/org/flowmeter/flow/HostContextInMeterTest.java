package org.flowmeter.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.flowmeter.feature.HostContextFeatures;
import org.junit.jupiter.api.Test;

/** The context set inside a meter: the flow's forward side is the source, and meters never share counts. */
class HostContextInMeterTest {
    private static final long MS = 1_000_000L;


    @Test
    void withALocalNetTheLocalHostIsTheSourceEvenWhenTheRemoteSpeaksFirst() {
        long local = Packets.ipv4("10.0.0.1");
        List<Flow> ended = new ArrayList<>();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults().withLocalNets((v, hi, lo) -> lo == local),
                List.of(new HostContextFeatures()), ended::add);
        // two DNS answers arrive first from two resolvers; the local host is the source of both flows
        meter.add(Packets.udp(0, "8.8.8.8", 53, "10.0.0.1", 5000, 100));
        meter.add(Packets.udp(MS, "8.8.4.4", 53, "10.0.0.1", 5001, 100));
        meter.finish();
        // order: pair, src flows, src hosts, src services (UDP 53 twice), dst flows, dst sources
        assertThat(ContextCounts.of(ended.get(0))).containsExactly(1, 1, 1, 1, 1, 1);
        assertThat(ContextCounts.of(ended.get(1))).containsExactly(1, 2, 2, 1, 1, 1);
    }

    @Test
    void eachMeterCountsOnlyItsOwnFlowsThoughTheSetListIsShared() {
        List<org.flowmeter.feature.FeatureSet> sets = List.of(new HostContextFeatures());
        for (int run = 0; run < 2; run++) {
            List<Flow> ended = new ArrayList<>();
            FlowMeter meter = new FlowMeter(FlowConfig.defaults(), sets, ended::add);
            meter.add(Packets.tcp(0, "10.0.0.1", 40000, "10.0.0.2", 80, 0x02, 60));
            meter.finish();
            assertThat(ContextCounts.of(ended.get(0))).as("run %d", run).containsExactly(1, 1, 1, 1, 1, 1);
        }
    }
}
