package org.flowmeter.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.decode.DecodedPacket.ACK;
import static org.flowmeter.decode.DecodedPacket.FIN;
import static org.flowmeter.decode.DecodedPacket.RST;
import static org.flowmeter.decode.DecodedPacket.SYN;
import static org.flowmeter.flow.Packets.ipv4;
import static org.flowmeter.flow.Packets.tcp;
import static org.flowmeter.flow.Packets.udp;

import java.time.Duration;
import java.util.List;
import org.flowmeter.feature.DeepfenceFeatures;
import org.junit.jupiter.api.Test;

class FlowMeterTest {
    private static final long S = 1_000_000_000L;
    private final RecordingListener out = new RecordingListener();

    private FlowMeter meter(FlowConfig config) {
        return new FlowMeter(config, List.of(new DeepfenceFeatures()), out);
    }

    @Test
    void bothDirectionsFormOneFlowAndTheFirstPacketSetsForward() {
        FlowMeter m = meter(FlowConfig.defaults());
        m.add(udp(0, "10.0.0.2", 53, "10.0.0.1", 5000, 100));
        m.add(udp(10, "10.0.0.1", 5000, "10.0.0.2", 53, 80));
        m.finish();
        assertThat(out.ended).hasSize(1);
        Flow f = out.ended.get(0);
        assertThat(f.srcLo).isEqualTo(ipv4("10.0.0.2"));
        assertThat(f.srcPort).isEqualTo(53);
        assertThat(f.packets()).isEqualTo(2);
        assertThat(f.bytes()).isEqualTo(180);
        assertThat(f.endReason()).isEqualTo(EndReason.END_OF_INPUT);
    }

    @Test
    void localNetMakesTheLocalSideForwardEvenWhenItAnswers() {
        long local = ipv4("10.0.0.1");
        FlowMeter m = meter(FlowConfig.defaults().withLocalNets((v, hi, lo) -> lo == local));
        m.add(udp(0, "10.0.0.2", 53, "10.0.0.1", 5000, 100));
        m.finish();
        Flow f = out.ended.get(0);
        assertThat(f.srcLo).isEqualTo(local);
        assertThat(f.srcPort).isEqualTo(5000);
        var v = new org.flowmeter.feature.DeepfenceFeatures().valuesByName(f.features(0));
        assertThat(v.get("fwdFlowLength")).isZero();
        assertThat(v.get("bwdFlowLength")).isEqualTo(1);
    }

    @Test
    void idleTimeoutEndsAFlowAndTheNextPacketStartsAnother() {
        FlowMeter m = meter(FlowConfig.defaults().withIdleTimeout(Duration.ofSeconds(120)));
        m.add(udp(0, "10.0.0.1", 1, "10.0.0.2", 2, 60));
        m.add(udp(120 * S, "10.0.0.1", 1, "10.0.0.2", 2, 60)); // exactly 120 s: still the same flow
        m.add(udp(240 * S + 1, "10.0.0.1", 1, "10.0.0.2", 2, 60));
        assertThat(out.ended).hasSize(1);
        assertThat(out.ended.get(0).endReason()).isEqualTo(EndReason.IDLE);
        assertThat(out.ended.get(0).packets()).isEqualTo(2);
        m.finish();
        assertThat(out.ended).hasSize(2);
        assertThat(out.ended.get(1).packets()).isEqualTo(1);
    }

    @Test
    void idleFlowsExpireWhenOtherTrafficMovesTheClock() {
        FlowMeter m = meter(FlowConfig.defaults().withIdleTimeout(Duration.ofSeconds(10)));
        m.add(udp(0, "10.0.0.1", 1, "10.0.0.2", 2, 60));
        m.add(udp(11 * S, "10.0.0.3", 1, "10.0.0.4", 2, 60));
        assertThat(out.ended).extracting(Flow::endReason).containsExactly(EndReason.IDLE);
        assertThat(m.activeFlows()).isEqualTo(1);
        m.advanceTo(22 * S);
        assertThat(out.ended).hasSize(2);
    }

    @Test
    void activeTimeoutSplitsALongFlow() {
        FlowMeter m = meter(FlowConfig.defaults().withActiveTimeout(Duration.ofSeconds(1800)));
        for (long t = 0; t <= 2000; t += 100) {
            m.add(udp(t * S, "10.0.0.1", 1, "10.0.0.2", 2, 60));
        }
        m.finish();
        assertThat(out.ended).extracting(Flow::endReason).containsExactly(EndReason.ACTIVE, EndReason.END_OF_INPUT);
        assertThat(out.ended.get(0).packets()).isEqualTo(19); // t = 0 .. 1800
        assertThat(out.ended.get(1).firstNanos()).isEqualTo(1900 * S);
    }

    @Test
    void finBothWaysClosesTheLastAckJoinsAndANewSynStartsAnewFlow() {
        FlowMeter m = meter(FlowConfig.defaults());
        String c = "10.0.0.1";
        String s = "10.0.0.2";
        m.add(tcp(0, c, 40000, s, 80, SYN, 60));
        m.add(tcp(1, s, 80, c, 40000, SYN | ACK, 60));
        m.add(tcp(2, c, 40000, s, 80, ACK, 52));
        m.add(tcp(3, c, 40000, s, 80, FIN | ACK, 52));
        m.add(tcp(4, s, 80, c, 40000, FIN | ACK, 52));
        m.add(tcp(5, c, 40000, s, 80, ACK, 52)); // last ACK: same flow
        assertThat(out.ended).isEmpty();
        m.add(tcp(6, c, 40000, s, 80, SYN, 60)); // port reused: a new flow
        assertThat(out.ended).hasSize(1);
        Flow first = out.ended.get(0);
        assertThat(first.packets()).isEqualTo(6);
        assertThat(first.endReason()).isEqualTo(EndReason.FIN);
        m.finish();
        assertThat(out.ended.get(1).packets()).isEqualTo(1);
        assertThat(out.ended.get(1).endReason()).isEqualTo(EndReason.END_OF_INPUT);
    }

    @Test
    void rstEndsAfterTheLingerTime() {
        FlowMeter m = meter(FlowConfig.defaults().withTcpLinger(Duration.ofSeconds(5)));
        m.add(tcp(0, "10.0.0.1", 40000, "10.0.0.2", 80, SYN, 60));
        m.add(tcp(1, "10.0.0.2", 80, "10.0.0.1", 40000, RST | ACK, 54));
        m.add(tcp(2 * S, "10.0.0.1", 40000, "10.0.0.2", 80, RST, 54)); // late RST joins
        assertThat(out.ended).isEmpty();
        m.add(udp(8 * S, "10.0.0.3", 1, "10.0.0.4", 2, 60)); // clock moves past linger
        assertThat(out.ended).hasSize(1);
        assertThat(out.ended.get(0).endReason()).isEqualTo(EndReason.RST);
        assertThat(out.ended.get(0).packets()).isEqualTo(3);
    }

    @Test
    void flowCapEvictsTheLeastRecentlySeenFlow() {
        FlowMeter m = meter(FlowConfig.defaults().withMaxFlows(2));
        m.add(udp(0, "10.0.0.1", 1, "10.0.0.2", 2, 60));
        m.add(udp(1, "10.0.0.3", 1, "10.0.0.4", 2, 60));
        m.add(udp(2, "10.0.0.1", 1, "10.0.0.2", 2, 60)); // first flow is now the most recent
        m.add(udp(3, "10.0.0.5", 1, "10.0.0.6", 2, 60));
        assertThat(out.ended).hasSize(1);
        assertThat(out.ended.get(0).srcLo).isEqualTo(ipv4("10.0.0.3"));
        assertThat(out.ended.get(0).endReason()).isEqualTo(EndReason.EVICTED);
        assertThat(m.flowsEnded(EndReason.EVICTED)).isEqualTo(1);
        assertThat(m.activeFlows()).isEqualTo(2);
    }

    @Test
    void sameAddressesWithOtherPortsOrProtocolAreOtherFlows() {
        FlowMeter m = meter(FlowConfig.defaults());
        m.add(udp(0, "10.0.0.1", 1, "10.0.0.2", 2, 60));
        m.add(udp(1, "10.0.0.1", 2, "10.0.0.2", 1, 60));
        m.add(tcp(2, "10.0.0.1", 1, "10.0.0.2", 2, ACK, 60));
        assertThat(m.activeFlows()).isEqualTo(3);
    }
}
