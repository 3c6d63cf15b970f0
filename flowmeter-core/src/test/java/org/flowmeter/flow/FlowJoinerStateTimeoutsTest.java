package org.flowmeter.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.feature.DeepfenceFeatures;
import org.junit.jupiter.api.Test;

/**
 * Joining a flow cut by a file boundary uses the timeout of the flow's state (unanswered TCP SYN,
 * UDP, ICMP), as one pass does: a gap longer than that timeout but shorter than the general idle
 * timeout ends the flow at the boundary.
 */
class FlowJoinerStateTimeoutsTest {
    private static final long S = 1_000_000_000L;
    private static final FlowConfig CONFIG = FlowConfig.defaults()
            .withLimits(FlowLimits.DEFAULTS.withTcpNewTimeout(Duration.ofSeconds(10)).withUdpTimeout(Duration.ofSeconds(20))
                    .withIcmpTimeout(Duration.ofSeconds(20)));

    private static List<Flow> onePass(List<DecodedPacket> packets) {
        List<Flow> out = new ArrayList<>();
        FlowMeter meter = new FlowMeter(CONFIG, List.of(new DeepfenceFeatures()), out::add);
        packets.forEach(meter::add);
        meter.finish();
        return out;
    }

    /** Two files, cut before packet {@code cut}; every flow of both files goes through the joiner. */
    private static List<Flow> splitAndJoin(List<DecodedPacket> packets, int cut) {
        FlowJoiner joiner = new FlowJoiner(CONFIG);
        List<Flow> segments = new ArrayList<>();
        segments.addAll(onePass(packets.subList(0, cut)));
        segments.addAll(onePass(packets.subList(cut, packets.size())));
        List<Flow> joined = joiner.join(segments);
        long end = packets.get(packets.size() - 1).timestampNanos;
        joined.forEach(f -> joiner.endAtInputEnd(f, end));
        return joined;
    }

    private static List<String> describe(List<Flow> flows) {
        return flows.stream().map(f -> f.packets() + " packets, " + f.endReason().label()).toList();
    }

    @Test
    void udpGapBeyondTheUdpTimeoutEndsTheFlowAtTheBoundary() {
        List<DecodedPacket> packets = List.of(
                Packets.udp(0, "10.0.0.1", 5000, "10.0.0.2", 53, 80),
                Packets.udp(S, "10.0.0.2", 53, "10.0.0.1", 5000, 120),
                Packets.udp(31 * S, "10.0.0.1", 5000, "10.0.0.2", 53, 80));
        assertThat(describe(onePass(packets))).containsExactly("2 packets, idle", "1 packets, end");
        assertThat(describe(splitAndJoin(packets, 2))).isEqualTo(describe(onePass(packets)));
    }

    @Test
    void unansweredSynGapBeyondTheNewTimeoutEndsTheFlowAtTheBoundary() {
        List<DecodedPacket> packets = List.of(
                Packets.tcp(0, "10.0.0.1", 40000, "10.0.0.2", 80, DecodedPacket.SYN, 60),
                Packets.tcp(S, "10.0.0.1", 40000, "10.0.0.2", 80, DecodedPacket.SYN, 60),
                Packets.tcp(15 * S, "10.0.0.1", 40000, "10.0.0.2", 80, DecodedPacket.ACK, 60));
        assertThat(describe(onePass(packets))).containsExactly("2 packets, idle", "1 packets, end");
        assertThat(describe(splitAndJoin(packets, 2))).isEqualTo(describe(onePass(packets)));
    }

    @Test
    void anAnsweredConnectionKeepsTheIdleTimeout() {
        List<DecodedPacket> packets = List.of(
                Packets.tcp(0, "10.0.0.1", 40000, "10.0.0.2", 80, DecodedPacket.SYN, 60),
                Packets.tcp(S, "10.0.0.2", 80, "10.0.0.1", 40000, DecodedPacket.SYN | DecodedPacket.ACK, 60),
                Packets.tcp(15 * S, "10.0.0.1", 40000, "10.0.0.2", 80, DecodedPacket.ACK, 60));
        assertThat(describe(onePass(packets))).containsExactly("3 packets, end");
        assertThat(describe(splitAndJoin(packets, 2))).isEqualTo(describe(onePass(packets)));
    }

    @Test
    void aSegmentThatStartsAfterTheIdleTimeoutButWithinTheUdpTimeoutIsStillJoined() {
        FlowJoiner joiner = new FlowJoiner(FlowConfig.defaults().withIdleTimeout(Duration.ofSeconds(10))
                .withLimits(FlowLimits.DEFAULTS.withUdpTimeout(Duration.ofSeconds(60))));
        Flow later = onePass(List.of(Packets.udp(30 * S, "10.0.0.1", 5000, "10.0.0.2", 53, 80))).get(0);
        assertThat(joiner.mayBeContinuation(later, 0)).isTrue();
    }
}
