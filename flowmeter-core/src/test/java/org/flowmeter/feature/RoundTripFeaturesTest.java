package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.flow.Packets;
import org.junit.jupiter.api.Test;

/** Round trips and timings in round trips, on hand-built flows whose values are worked out by hand. */
class RoundTripFeaturesTest {
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final int SYN = DecodedPacket.SYN;
    private static final int ACK = DecodedPacket.ACK;
    private static final int RST = DecodedPacket.RST;
    private static final RoundTripFeatures SET = new RoundTripFeatures();

    private static List<Map<String, Double>> flows(FlowConfig config, DecodedPacket... packets) {
        List<Flow> ended = new ArrayList<>();
        FlowMeter meter = new FlowMeter(config, List.of(SET), ended::add);
        for (DecodedPacket p : packets) {
            meter.add(p);
        }
        meter.finish();
        List<Map<String, Double>> rows = new ArrayList<>();
        for (Flow f : ended) {
            rows.add(CicFlows.byName(SET, f.features(0)));
        }
        return rows;
    }

    private static Map<String, Double> flow(DecodedPacket... packets) {
        List<Map<String, Double>> rows = flows(FlowConfig.defaults(), packets);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static DecodedPacket c2s(long t, int flags, int payload) {
        return Packets.payload(Packets.tcp(t, "10.0.0.1", 40000, "10.0.0.2", 80, flags, 60 + payload), 20, payload);
    }

    private static DecodedPacket s2c(long t, int flags, int payload) {
        return Packets.payload(Packets.tcp(t, "10.0.0.2", 80, "10.0.0.1", 40000, flags, 60 + payload), 20, payload);
    }

    @Test
    void tcpSeenAtTheClientOverA30msLink() {
        // SYN 0; SYN/ACK 30 ms; ACK 30.1 ms; request 30.2 ms; answer 70.2 ms; ACK 70.3 ms
        var v = flow(c2s(0, SYN, 0), s2c(30 * MS, SYN | ACK, 0), c2s(30_100 * US, ACK, 0),
                c2s(30_200 * US, ACK, 100), s2c(70_200 * US, ACK, 500), c2s(70_300 * US, ACK, 0));
        double rtt = 30.1; // ms: SYN to ACK
        assertThat(v.get("rttKnown")).isEqualTo(1);
        assertThat(v.get("rttMicros")).isEqualTo(30_100);
        assertThat(v.get("rttResponderMicros")).isEqualTo(30_000);
        assertThat(v.get("rttInitiatorMicros")).isEqualTo(100);
        assertThat(v.get("rttDurationRtts")).isCloseTo(70.3 / rtt, within(1e-12));
        // six packets, five gaps over 70.3 ms; the largest gap is request to answer, 40 ms
        assertThat(v.get("rttIatMeanRtts")).isCloseTo(70.3 / 5 / rtt, within(1e-12));
        assertThat(v.get("rttIatMaxRtts")).isCloseTo(40 / rtt, within(1e-12));
        // forward packets at 0, 30.1, 30.2, 70.3: three gaps; backward at 30 and 70.2: one gap of 40.2
        assertThat(v.get("rttFwdIatMeanRtts")).isCloseTo(70.3 / 3 / rtt, within(1e-12));
        assertThat(v.get("rttBwdIatMeanRtts")).isCloseTo(40.2 / rtt, within(1e-12));
        assertThat(v.get("rttAnswerDelayRtts")).isCloseTo(40 / rtt, within(1e-12));
    }

    @Test
    void aRetransmittedSynIsAnsweredByTheSynAckSoTheRoundTripStartsAtTheLatestSyn() {
        var v = flow(c2s(0, SYN, 0), c2s(1000 * MS, SYN, 0), s2c(1020 * MS, SYN | ACK, 0), c2s(1020_100 * US, ACK, 0));
        assertThat(v.get("rttMicros")).isEqualTo(20_100);
        assertThat(v.get("rttResponderMicros")).isEqualTo(20_000);
        assertThat(v.get("rttInitiatorMicros")).isEqualTo(100);
        assertThat(v.get("rttAnswerDelayRtts")).as("no payload").isEqualTo(RoundTripFeatures.UNKNOWN);
    }

    @Test
    void aRefusedConnectionsRoundTripIsSynToReset() {
        var v = flow(c2s(0, SYN, 0), s2c(10 * US, RST | ACK, 0));
        assertThat(v.get("rttKnown")).isEqualTo(1);
        assertThat(v.get("rttMicros")).isEqualTo(10);
        assertThat(v.get("rttResponderMicros")).isEqualTo(10);
        assertThat(v.get("rttInitiatorMicros")).isEqualTo(RoundTripFeatures.UNKNOWN);
        assertThat(v.get("rttDurationRtts")).isEqualTo(1);
    }

    @Test
    void udpRoundTripIsTheLatestRequestBeforeTheFirstAnswer() {
        var v = flow(Packets.udp(0, "10.0.0.1", 5000, "10.0.0.53", 53, 80),
                Packets.udp(5 * MS, "10.0.0.1", 5000, "10.0.0.53", 53, 80),
                Packets.udp(25 * MS, "10.0.0.53", 53, "10.0.0.1", 5000, 120),
                Packets.udp(1025 * MS, "10.0.0.1", 5000, "10.0.0.53", 53, 80));
        assertThat(v.get("rttMicros")).isEqualTo(20_000);
        assertThat(v.get("rttResponderMicros")).isEqualTo(20_000);
        assertThat(v.get("rttInitiatorMicros")).isEqualTo(RoundTripFeatures.UNKNOWN);
        assertThat(v.get("rttDurationRtts")).isCloseTo(1025.0 / 20, within(1e-12));
        assertThat(v.get("rttIatMaxRtts")).isCloseTo(1000.0 / 20, within(1e-12));
        // forward at 0, 5, 1025: gaps 5 and 1020; one backward packet: no gap
        assertThat(v.get("rttFwdIatMeanRtts")).isCloseTo(512.5 / 20, within(1e-12));
        assertThat(v.get("rttBwdIatMeanRtts")).isZero();
        assertThat(v.get("rttAnswerDelayRtts")).as("Packets.udp carries no payload length").isEqualTo(RoundTripFeatures.UNKNOWN);
    }

    @Test
    void icmpEchoRoundTripIsRequestToReply() {
        var v = flow(Packets.icmp(0, "10.0.0.1", "10.0.0.9", 8, 0, 98), Packets.icmp(150 * MS, "10.0.0.9", "10.0.0.1", 0, 0, 98),
                Packets.icmp(1000 * MS, "10.0.0.1", "10.0.0.9", 8, 0, 98), Packets.icmp(1150 * MS, "10.0.0.9", "10.0.0.1", 0, 0, 98));
        assertThat(v.get("rttMicros")).isEqualTo(150_000);
        // one-second ping spacing is under seven round trips of a 150 ms path
        assertThat(v.get("rttFwdIatMeanRtts")).isCloseTo(1000.0 / 150, within(1e-12));
        assertThat(v.get("rttBwdIatMeanRtts")).isCloseTo(1000.0 / 150, within(1e-12));
    }

    @Test
    void withNothingAnsweredEveryRoundTripColumnReadsTheDocumentedFill() {
        var v = flow(Packets.udp(0, "10.0.0.1", 5000, "10.0.0.2", 9999, 80), Packets.udp(MS, "10.0.0.1", 5000, "10.0.0.2", 9999, 80));
        assertThat(v.get("rttKnown")).isZero();
        v.entrySet().stream().filter(e -> !e.getKey().equals("rttKnown"))
                .forEach(e -> assertThat(e.getValue()).as(e.getKey()).isEqualTo(RoundTripFeatures.UNKNOWN));
        var syn = flow(c2s(0, SYN, 0));
        assertThat(syn.get("rttKnown")).isZero();
        assertThat(syn.get("rttMicros")).isEqualTo(RoundTripFeatures.UNKNOWN);
    }

    @Test
    void aTcpFlowWhoseHandshakeWasNotSeenHasNoRoundTrip() {
        var v = flow(c2s(0, ACK, 100), s2c(MS, ACK, 200));
        assertThat(v.get("rttKnown")).isZero();
    }

    @Test
    void aRoundTripBelowTheClockResolutionCountsAsOneMicrosecondSoRatiosStayFinite() {
        var v = flow(c2s(0, SYN, 0), s2c(0, SYN | ACK, 0), c2s(0, ACK, 0), c2s(5 * US, ACK, 10));
        assertThat(v.get("rttMicros")).isEqualTo(1);
        assertThat(v.get("rttResponderMicros")).isZero();
        assertThat(v.get("rttDurationRtts")).isEqualTo(5);
    }

    @Test
    void whenTheLocalServerIsTheForwardSideTheInitiatorIsStillTheSideThatSentTheSyn() {
        long server = Packets.ipv4("10.0.0.2");
        var rows = flows(FlowConfig.defaults().withLocalNets((ver, hi, lo) -> lo == server),
                c2s(0, SYN, 0), s2c(30 * MS, SYN | ACK, 0), c2s(30_100 * US, ACK, 0));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("rttMicros")).isEqualTo(30_100);
        assertThat(rows.get(0).get("rttResponderMicros")).isEqualTo(30_000);
    }

    @Test
    void aConnectionCutByTheActiveTimeoutKeepsItsHandshakeRoundTrip() {
        FlowConfig config = FlowConfig.defaults().withActiveTimeout(java.time.Duration.ofSeconds(1));
        var rows = flows(config, c2s(0, SYN, 0), s2c(30 * MS, SYN | ACK, 0), c2s(30_100 * US, ACK, 0),
                s2c(2000 * MS, ACK, 100), c2s(2060_200 * US, ACK, 50));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get("rttMicros")).isEqualTo(30_100);
        // the second segment: server data at 2 s, client data 60.2 ms later
        assertThat(rows.get(1).get("rttDurationRtts")).isCloseTo(60.2 / 30.1, within(1e-12));
    }
}
