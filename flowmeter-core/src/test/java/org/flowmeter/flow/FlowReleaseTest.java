package org.flowmeter.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.flow.Packets.udp;

import java.util.List;
import org.flowmeter.feature.FeatureSets;
import org.junit.jupiter.api.Test;

/** An ended flow that drops its feature state keeps its counts, and no array of its own. */
class FlowReleaseTest {
    @Test
    void releasedFlowsShareOneArrayOfNullsAndKeepTheirCounts() {
        RecordingListener out = new RecordingListener();
        FlowMeter m = new FlowMeter(FlowConfig.defaults(), FeatureSets.parse("deepfence,cic"), out);
        m.add(udp(0, "10.0.0.1", 1, "10.0.0.2", 2, 60));
        m.add(udp(1, "10.0.0.2", 2, "10.0.0.1", 1, 70));
        m.add(udp(2, "10.0.0.3", 1, "10.0.0.4", 2, 80));
        m.finish();
        List<Flow> ended = out.ended;
        assertThat(ended).hasSize(2);
        for (Flow f : ended) {
            assertThat(f.featureStateReleased()).isFalse();
            f.releaseFeatureState();
            assertThat(f.featureStateReleased()).isTrue();
            assertThat(f.featureSetCount()).isEqualTo(2);
        }
        assertThat(ended.get(0).features).isSameAs(ended.get(1).features).containsOnlyNulls();
        assertThat(ended).extracting(f -> f.packets() + "/" + f.bytes()).containsExactlyInAnyOrder("2/130", "1/80");
    }
}
