package org.flowmeter.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.flow.Packets.udp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.feature.DeepfenceFeatures;
import org.junit.jupiter.api.Test;

class StartOrderTest {
    private static final long S = 1_000_000_000L;

    @Test
    void flowsComeOutInTheOrderTheyStarted() {
        List<Long> ids = new ArrayList<>();
        StartOrder order = new StartOrder(f -> ids.add(f.id), 1000);
        FlowMeter m = new FlowMeter(FlowConfig.defaults().withIdleTimeout(Duration.ofSeconds(10)),
                List.of(new DeepfenceFeatures()), order);
        for (int t = 0; t <= 20; t++) {
            m.add(udp(t * S, "10.0.0.1", 1, "10.0.0.2", 2, 60)); // flow 0 stays alive
            if (t >= 1 && t <= 5) {
                m.add(udp(t * S, "10.0.1." + t, 1, "10.0.0.2", 2, 60)); // flows 1..5 go idle
            }
        }
        assertThat(m.flowsEnded(EndReason.IDLE)).isEqualTo(5);
        assertThat(ids).isEmpty(); // 1..5 ended but wait for 0
        m.finish();
        order.flush();
        assertThat(ids).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void aFullWaitBufferReleasesFlowsBehindAnOpenOne() {
        List<Long> ids = new ArrayList<>();
        StartOrder order = new StartOrder(f -> ids.add(f.id), 3);
        FlowMeter m = new FlowMeter(FlowConfig.defaults().withIdleTimeout(Duration.ofSeconds(3)),
                List.of(new DeepfenceFeatures()), order);
        for (int i = 0; i < 10; i++) {
            m.add(udp(i * 2 * S, "10.0.0.1", 1, "10.0.0.2", 2, 60)); // flow 0 kept alive
            m.add(udp(i * 2 * S, "10.0.1." + i, 1, "10.0.0.2", 2, 60));
        }
        assertThat(ids).isNotEmpty().doesNotContain(0L);
        m.finish();
        order.flush();
        assertThat(ids).hasSize(11).contains(0L);
        assertThat(order.releasedOutOfOrder()).isEqualTo(1);
    }

    @Test
    void aLaterLimitReplacesAnEarlierOneButNeverExceedsTheBoundGivenAtConstruction() {
        StartOrder order = new StartOrder(f -> { }, 100);
        order.limitWaiting(10);
        assertThat(order.maxWaiting()).isEqualTo(10);
        order.limitWaiting(40); // waiting flows found smaller: more may wait
        assertThat(order.maxWaiting()).isEqualTo(40);
        order.limitWaiting(1000);
        assertThat(order.maxWaiting()).isEqualTo(100);
    }
}
