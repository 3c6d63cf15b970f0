package org.flowmeter.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.decode.DecodedPacket.ACK;
import static org.flowmeter.decode.DecodedPacket.FIN;
import static org.flowmeter.decode.DecodedPacket.SYN;
import static org.flowmeter.flow.Packets.tcp;

import java.util.ArrayList;
import java.util.List;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.feature.DeepfenceFeatures;
import org.junit.jupiter.api.Test;

/** CICFlowMeter's teardown (flow ends at the first FIN) against ours (FIN both ways). */
class CicCompatTest {
    private static final List<DecodedPacket> TEARDOWN = List.of(
            tcp(0, "10.0.0.1", 1000, "10.0.0.2", 80, SYN, 60),
            tcp(1, "10.0.0.2", 80, "10.0.0.1", 1000, SYN | ACK, 60),
            tcp(2, "10.0.0.1", 1000, "10.0.0.2", 80, ACK, 52),
            tcp(3, "10.0.0.1", 1000, "10.0.0.2", 80, FIN | ACK, 52),
            tcp(4, "10.0.0.2", 80, "10.0.0.1", 1000, ACK, 52),
            tcp(5, "10.0.0.2", 80, "10.0.0.1", 1000, FIN | ACK, 52),
            tcp(6, "10.0.0.1", 1000, "10.0.0.2", 80, ACK, 52));

    private static List<Flow> run(FlowConfig config) {
        List<Flow> ended = new ArrayList<>();
        FlowMeter meter = new FlowMeter(config, List.of(new DeepfenceFeatures()), ended::add);
        TEARDOWN.forEach(meter::add);
        meter.finish();
        return ended;
    }

    @Test
    void byDefaultTheWholeConnectionIsOneFlow() {
        List<Flow> flows = run(FlowConfig.defaults());
        assertThat(flows).hasSize(1);
        assertThat(flows.get(0).packets()).isEqualTo(7);
        assertThat(flows.get(0).endReason()).isEqualTo(EndReason.FIN);
    }

    @Test
    void firstFinEndsTheFlowAndLaterPacketsOpenNewOnes() {
        List<Flow> flows = run(FlowConfig.defaults().withEndAtFirstFin(true));
        // [SYN .. FIN], then the answer's ACK opens a flow that its FIN ends, then the last ACK
        assertThat(flows).extracting(Flow::packets).containsExactly(4L, 2L, 1L);
        assertThat(flows.get(0).srcPort).isEqualTo(1000);
        assertThat(flows.get(1).srcPort).as("opened by the server's ACK").isEqualTo(80);
        assertThat(flows).extracting(Flow::endReason).containsExactly(EndReason.FIN, EndReason.FIN, EndReason.END_OF_INPUT);
    }
}
