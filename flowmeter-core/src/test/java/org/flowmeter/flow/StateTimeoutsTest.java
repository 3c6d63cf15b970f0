package org.flowmeter.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.decode.DecodedPacket.ACK;
import static org.flowmeter.decode.DecodedPacket.RST;
import static org.flowmeter.decode.DecodedPacket.SYN;
import static org.flowmeter.flow.Packets.icmp;
import static org.flowmeter.flow.Packets.ipv4;
import static org.flowmeter.flow.Packets.tcp;
import static org.flowmeter.flow.Packets.udp;

import java.time.Duration;
import java.util.List;
import org.flowmeter.feature.DeepfenceFeatures;
import org.junit.jupiter.api.Test;

/** Per-state timeouts: an unanswered SYN, an answered connection, UDP, ICMP, and the linger after a close. */
class StateTimeoutsTest {
    private static final long S = 1_000_000_000L;
    private static final String CLIENT = "10.0.0.1";
    private static final String SERVER = "10.0.0.2";
    private final RecordingListener out = new RecordingListener();

    private FlowMeter meter(FlowConfig config) {
        return new FlowMeter(config, List.of(new DeepfenceFeatures()), out);
    }

    /** A packet elsewhere that only moves the clock. */
    private static org.flowmeter.decode.DecodedPacket tick(long nanos) {
        return udp(nanos, "10.9.9.9", 9, "10.9.9.8", 9, 60);
    }

    @Test
    void anUnansweredSynEndsAfterTheTcpNewTimeoutAndItsNextRetryOpensAnotherFlow() {
        FlowMeter m = meter(FlowConfig.defaults()); // TCP new: 30 s
        m.add(tcp(0, CLIENT, 40000, SERVER, 80, SYN, 60));
        m.add(tcp(1 * S, CLIENT, 40000, SERVER, 80, SYN, 60));
        m.add(tcp(3 * S, CLIENT, 40000, SERVER, 80, SYN, 60));
        m.add(tick(33 * S)); // exactly 30 s after the last SYN: still open
        assertThat(out.ended).isEmpty();
        m.add(tick(33 * S + 1));
        assertThat(out.ended).hasSize(1);
        assertThat(out.ended.get(0).packets()).isEqualTo(3);
        assertThat(out.ended.get(0).endReason()).isEqualTo(EndReason.IDLE);
        assertThat(out.ended.get(0).lastNanos()).isEqualTo(3 * S);
        m.add(tcp(40 * S, CLIENT, 40000, SERVER, 80, SYN, 60));
        m.finish();
        // the tick flow (UDP, idle timeout 120 s) and the retry end with the input
        assertThat(out.ended).extracting(Flow::packets).containsExactly(3L, 2L, 1L);
        assertThat(out.ended.get(2).firstNanos()).isEqualTo(40 * S);
    }

    @Test
    void anAnsweredSynHasTheIdleTimeoutOfAConnection() {
        FlowMeter m = meter(FlowConfig.defaults());
        m.add(tcp(0, CLIENT, 40000, SERVER, 80, SYN, 60));
        m.add(tcp(1 * S, SERVER, 80, CLIENT, 40000, SYN | ACK, 60));
        m.add(tick(100 * S));
        assertThat(out.ended).isEmpty();
        m.add(tick(121 * S + 1)); // 120 s after the SYN-ACK
        assertThat(out.ended).hasSize(1);
        assertThat(out.ended.get(0).packets()).isEqualTo(2);
        assertThat(out.ended.get(0).endReason()).isEqualTo(EndReason.IDLE);
    }

    @Test
    void theAnswerCountsFromTheOtherSideAlsoWhenTheLocalNetTurnsTheFlowAround() {
        long local = ipv4(SERVER);
        FlowMeter m = meter(FlowConfig.defaults().withLocalNets((v, hi, lo) -> lo == local));
        m.add(tcp(0, CLIENT, 40000, SERVER, 80, SYN, 60)); // backward: the server is the local side
        m.add(tcp(1 * S, CLIENT, 40000, SERVER, 80, SYN, 60)); // a retry is no answer
        m.add(tcp(2 * S, SERVER, 80, CLIENT, 40000, SYN | ACK, 60));
        m.add(tick(60 * S));
        assertThat(out.ended).isEmpty();
        m.finish();
        assertThat(out.ended.get(0).packets()).isEqualTo(3);
        assertThat(out.ended.get(0).srcLo).isEqualTo(local);
    }

    @Test
    void aTrafficFlowWithoutSynHasTheIdleTimeout() {
        FlowMeter m = meter(FlowConfig.defaults());
        m.add(tcp(0, CLIENT, 40000, SERVER, 80, ACK, 52)); // seen mid-connection, one way only
        m.add(tick(60 * S));
        assertThat(out.ended).isEmpty();
        m.add(tick(120 * S + 1));
        assertThat(out.ended).extracting(Flow::endReason).containsExactly(EndReason.IDLE);
    }

    @Test
    void theTcpNewTimeoutIsNeverLongerThanTheIdleTimeout() {
        FlowMeter m = meter(FlowConfig.defaults().withIdleTimeout(Duration.ofSeconds(10)));
        m.add(tcp(0, CLIENT, 40000, SERVER, 80, SYN, 60));
        m.add(tick(10 * S + 1));
        assertThat(out.ended).hasSize(1);
    }

    @Test
    void udpAndIcmpHaveTheirOwnTimeouts() {
        FlowLimits limits = FlowLimits.DEFAULTS.withUdpTimeout(Duration.ofSeconds(10)).withIcmpTimeout(Duration.ofSeconds(20));
        FlowMeter m = meter(FlowConfig.defaults().withLimits(limits));
        m.add(udp(0, CLIENT, 5000, SERVER, 53, 80));
        m.add(icmp(0, CLIENT, SERVER, 8, 0, 98));
        m.add(tcp(0, CLIENT, 40000, SERVER, 22, SYN, 60));
        m.add(tcp(1, SERVER, 22, CLIENT, 40000, SYN | ACK, 60));
        m.add(tcp(10 * S + 1, CLIENT, 40001, SERVER, 22, ACK, 52));
        assertThat(out.ended).extracting(f -> f.protocol).containsExactly(17);
        m.add(tcp(20 * S + 1, CLIENT, 40001, SERVER, 22, ACK, 52));
        assertThat(out.ended).extracting(f -> f.protocol).containsExactly(17, 1);
        m.add(tcp(100 * S, CLIENT, 40001, SERVER, 22, ACK, 52));
        assertThat(out.ended).hasSize(2); // the connection on port 40000 lasts its 120 s
        assertThat(out.ended).extracting(Flow::endReason).containsOnly(EndReason.IDLE);
    }

    @Test
    void theLingerCountsFromTheCloseNotFromTheLastLatePacket() {
        FlowMeter m = meter(FlowConfig.defaults().withTcpLinger(Duration.ofSeconds(5)));
        m.add(tcp(0, CLIENT, 40000, SERVER, 80, SYN, 60));
        m.add(tcp(1 * S, SERVER, 80, CLIENT, 40000, RST | ACK, 54)); // closed at 1 s
        m.add(tcp(4 * S, CLIENT, 40000, SERVER, 80, RST, 54)); // late RST: joins, linger unchanged
        m.add(tick(6 * S)); // exactly 5 s after the close: still lingering
        assertThat(out.ended).isEmpty();
        m.add(tick(6 * S + 1));
        assertThat(out.ended).hasSize(1);
        assertThat(out.ended.get(0).endReason()).isEqualTo(EndReason.RST);
        assertThat(out.ended.get(0).packets()).isEqualTo(3);
        assertThat(out.ended.get(0).lastNanos()).isEqualTo(4 * S);
        // after the linger a late packet is a new flow of its own
        m.add(tcp(7 * S, CLIENT, 40000, SERVER, 80, RST, 54));
        m.finish();
        // closed flows are ended first at the end of input, then the open ones (the clock ticks)
        assertThat(out.ended).extracting(Flow::packets).containsExactly(3L, 1L, 2L);
        assertThat(out.ended.get(1).firstNanos()).isEqualTo(7 * S);
    }
}
