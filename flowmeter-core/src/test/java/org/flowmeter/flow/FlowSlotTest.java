package org.flowmeter.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flowmeter.feature.DeepfenceFeatures;
import org.junit.jupiter.api.Test;

/** Typed per-flow state, and the flow a packet was counted in. */
class FlowSlotTest {
    private static final long MS = 1_000_000L;

    @Test
    void aFlowHoldsTheStateOfTheSlotThatSetItLast() {
        RecordingListener out = new RecordingListener();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(new DeepfenceFeatures()), out);
        Flow flow = meter.add(Packets.udp(0, "10.0.0.1", 5000, "10.0.0.2", 53, 80));
        FlowSlot<StringBuilder> notes = new FlowSlot<>(StringBuilder.class);
        FlowSlot<Integer> counts = new FlowSlot<>(Integer.class);

        assertThat(notes.get(flow)).isNull();
        StringBuilder made = notes.getOrCreate(flow, StringBuilder::new);
        assertThat(notes.getOrCreate(flow, StringBuilder::new)).isSameAs(made);
        assertThat(counts.get(flow)).as("another slot sees nothing").isNull();

        counts.set(flow, 7);
        assertThat(counts.get(flow)).isEqualTo(7);
        assertThat(notes.get(flow)).as("one slot per flow: the later owner replaced it").isNull();

        notes.clear(flow);
        assertThat(counts.get(flow)).as("clearing another slot leaves the state alone").isEqualTo(7);
        counts.clear(flow);
        assertThat(counts.get(flow)).isNull();
    }

    @Test
    void addReturnsTheFlowThePacketWasCountedIn() {
        RecordingListener out = new RecordingListener();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(new DeepfenceFeatures()), out);
        Flow first = meter.add(Packets.udp(0, "10.0.0.1", 5000, "10.0.0.2", 53, 80));
        Flow answer = meter.add(Packets.udp(MS, "10.0.0.2", 53, "10.0.0.1", 5000, 120));
        Flow other = meter.add(Packets.udp(2 * MS, "10.0.0.3", 5001, "10.0.0.2", 53, 80));
        assertThat(answer).isSameAs(first);
        assertThat(first.packets()).isEqualTo(2);
        assertThat(other).isNotSameAs(first);
        assertThat(other.packets()).isEqualTo(1);
        // After the idle timeout (120 s) the same 5-tuple opens a new flow, and add hands that one back.
        Flow later = meter.add(Packets.udp(200_000 * MS, "10.0.0.1", 5000, "10.0.0.2", 53, 80));
        assertThat(later).isNotSameAs(first);
        assertThat(out.ended).contains(first);
        assertThat(later.packets()).isEqualTo(1);
    }

    @Test
    void aPacketOfAFlowLeftOutOfTheSampleIsInNoFlow() {
        RecordingListener out = new RecordingListener();
        FlowSample half = new FlowSample(2, 0);
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(new DeepfenceFeatures()), out, half);
        int kept = 0;
        for (int port = 1000; port < 1040; port++) {
            var packet = Packets.udp(port * MS, "10.0.0.1", port, "10.0.0.2", 53, 80);
            boolean sampled = half.keeps(FlowIndex.hashOf(packet));
            Flow f = meter.add(packet);
            assertThat(f == null).as("port " + port).isEqualTo(!sampled);
            kept += sampled ? 1 : 0;
        }
        assertThat(meter.flowsStarted()).isEqualTo(kept);
        assertThat(kept).as("the sample keeps some flows and leaves others out").isBetween(1, 39);
    }
}
