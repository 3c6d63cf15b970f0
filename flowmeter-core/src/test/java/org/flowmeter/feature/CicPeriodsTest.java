package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.flowmeter.decode.DecodedPacket.ACK;
import static org.flowmeter.feature.CicFlows.MILLIS;
import static org.flowmeter.feature.CicFlows.SECONDS;
import static org.flowmeter.feature.CicFlows.flow;
import static org.flowmeter.feature.CicFlows.flows;
import static org.flowmeter.flow.Packets.payload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.Packets;
import org.junit.jupiter.api.Test;

/** Bulks, subflows, active/idle periods and connection time, worked out by hand. */
class CicPeriodsTest {
    private static final double E = 1e-6;

    private static DecodedPacket fwd(long nanos, int data) {
        return payload(Packets.udp(nanos, "10.0.0.1", 5000, "10.0.0.2", 6000, 0), 8, data);
    }

    private static DecodedPacket bwd(long nanos, int data) {
        return payload(Packets.udp(nanos, "10.0.0.2", 6000, "10.0.0.1", 5000, 0), 8, data);
    }

    @Test
    void bulksNeedFourDataPacketsUnbrokenByTheOtherSideAndGapsUnderOneSecond() {
        Map<String, Double> v = flow(List.of(
                fwd(0, 100),
                fwd(100 * MILLIS, 200),
                fwd(200 * MILLIS, 300),
                bwd(250 * MILLIS, 0),       // no payload: neither breaks nor extends the run
                fwd(300 * MILLIS, 400),     // 4th data packet: bulk 1 = 4 packets, 1000 B, 300 ms
                fwd(400 * MILLIS, 500),     // extends it: 5 packets, 1500 B, 400 ms
                bwd(500 * MILLIS, 50),      // the other side's data ends the run
                fwd(600 * MILLIS, 10),
                fwd(700 * MILLIS, 10),
                fwd(800 * MILLIS, 10),      // only 3: no bulk
                fwd(2000 * MILLIS, 10),     // gap 1.2 s: a new run
                fwd(2100 * MILLIS, 10),
                fwd(2200 * MILLIS, 10),
                fwd(2300 * MILLIS, 10)));   // bulk 2 = 4 packets, 40 B, 300 ms
        assertThat(v.get("Fwd Bytes/Bulk Avg")).isCloseTo(1540 / 2.0, within(E));
        assertThat(v.get("Fwd Packet/Bulk Avg")).isCloseTo(9 / 2.0, within(E));
        assertThat(v.get("Fwd Bulk Rate Avg")).isCloseTo(1540 / 0.7, within(E));
        assertThat(v.get("Bwd Bytes/Bulk Avg")).isZero();
        assertThat(v.get("Bwd Packet/Bulk Avg")).isZero();
        assertThat(v.get("Bwd Bulk Rate Avg")).isZero();
        // the 1.2 s gap splits the flow into 2 subflows
        assertThat(v.get("Subflow Fwd Packets")).isCloseTo(12 / 2.0, within(E));
        assertThat(v.get("Subflow Fwd Bytes")).isCloseTo(1570 / 2.0, within(E));
        assertThat(v.get("Subflow Bwd Packets")).isCloseTo(1, within(E));
        assertThat(v.get("Subflow Bwd Bytes")).isCloseTo(25, within(E));
        // UDP: the first packet carries data too and counts
        assertThat(v.get("Fwd Act Data Pkts")).isEqualTo(12);
        assertThat(v.get("Fwd Header Length")).isEqualTo(12 * 8);
        assertThat(v.get("Down/Up Ratio")).isCloseTo(2 / 12.0, within(E));
        assertThat(v.get("Total TCP Flow Time")).as("not TCP").isZero();
    }

    @Test
    void backwardBulksAreFoundToo() {
        List<DecodedPacket> ps = new ArrayList<>();
        ps.add(fwd(0, 10));
        for (int i = 1; i <= 5; i++) {
            ps.add(bwd(i * 10 * MILLIS, 100 * i));
        }
        Map<String, Double> v = flow(ps);
        // one bulk of 5 packets, 1500 B, from 10 ms to 50 ms
        assertThat(v.get("Bwd Bytes/Bulk Avg")).isCloseTo(1500, within(E));
        assertThat(v.get("Bwd Packet/Bulk Avg")).isCloseTo(5, within(E));
        assertThat(v.get("Bwd Bulk Rate Avg")).isCloseTo(1500 / 0.04, within(1e-3));
        assertThat(v.get("Fwd Bytes/Bulk Avg")).isZero();
    }

    @Test
    void activeAndIdlePeriodsUseTheFiveSecondActivityTimeout() {
        // packets at 0, 1, 2, 10, 11, 20 s: idle 8 s and 9 s; active [0, 2] and [10, 11];
        // the last period [20] is not ended by an idle period and is not counted
        Map<String, Double> v = flow(List.of(
                fwd(0, 10), fwd(SECONDS, 10), fwd(2 * SECONDS, 10),
                fwd(10 * SECONDS, 10), fwd(11 * SECONDS, 10), fwd(20 * SECONDS, 10)));
        assertThat(v.get("Active Mean")).isCloseTo(1.5e6, within(E));
        assertThat(v.get("Active Std")).isCloseTo(Math.sqrt(0.5e12), within(E));
        assertThat(v.get("Active Max")).isEqualTo(2e6);
        assertThat(v.get("Active Min")).isEqualTo(1e6);
        assertThat(v.get("Idle Mean")).isCloseTo(8.5e6, within(E));
        assertThat(v.get("Idle Std")).isCloseTo(Math.sqrt(0.5e12), within(E));
        assertThat(v.get("Idle Max")).isEqualTo(9e6);
        assertThat(v.get("Idle Min")).isEqualTo(8e6);
        // gaps over 1 s: 8 s and 9 s (exactly 1 s is not over): 3 subflows
        assertThat(v.get("Subflow Fwd Packets")).isCloseTo(2, within(E));
        assertThat(v.get("Subflow Fwd Bytes")).isCloseTo(20, within(E));
    }

    @Test
    void aSingleBurstHasNoActiveOrIdlePeriod() {
        Map<String, Double> v = flow(List.of(fwd(0, 1), fwd(4 * SECONDS, 1), fwd(8 * SECONDS, 1)));
        assertThat(v.get("Active Mean")).isZero();
        assertThat(v.get("Idle Mean")).isZero();
        assertThat(v.get("Idle Max")).isZero();
    }

    @Test
    void totalTcpFlowTimeRunsAcrossActiveTimeoutCuts() {
        FlowConfig config = FlowConfig.defaults().withActiveTimeout(Duration.ofSeconds(10));
        List<Map<String, Double>> rows = flows(config, List.of(
                Packets.tcp(0, "10.0.0.1", 1, "10.0.0.2", 2, ACK, 60),
                Packets.tcp(5 * SECONDS, "10.0.0.2", 2, "10.0.0.1", 1, ACK, 60),
                Packets.tcp(12 * SECONDS, "10.0.0.1", 1, "10.0.0.2", 2, ACK, 60),
                Packets.tcp(14 * SECONDS, "10.0.0.2", 2, "10.0.0.1", 1, ACK, 60)));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("Flow Duration")).isEqualTo(5e6);
        assertThat(rows.get(0).get("Total TCP Flow Time")).isEqualTo(5e6);
        assertThat(rows.get(1).get("Flow Duration")).isEqualTo(2e6);
        assertThat(rows.get(1).get("Total TCP Flow Time")).as("from the connection's first packet").isEqualTo(14e6);
    }
}
