package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.flowmeter.decode.DecodedPacket.ACK;
import static org.flowmeter.decode.DecodedPacket.PSH;
import static org.flowmeter.decode.DecodedPacket.SYN;
import static org.flowmeter.flow.Packets.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.junit.jupiter.api.Test;

/** Every Deepfence feature of small flows, worked out by hand (see the comments). */
class DeepfenceFeaturesTest {

    private static Map<String, Double> features(List<org.flowmeter.decode.DecodedPacket> packets) {
        List<Flow> ended = new ArrayList<>();
        FlowMeter m = new FlowMeter(FlowConfig.defaults(), List.of(new DeepfenceFeatures()), ended::add);
        packets.forEach(m::add);
        m.finish();
        assertThat(ended).hasSize(1);
        return new DeepfenceFeatures().valuesByName(ended.get(0).features(0));
    }

    @Test
    void fivePacketTcpFlow() {
        // times (ns) and wire sizes: fwd 0/60, bwd 1000/60, fwd 1500/52, fwd 4000/152, bwd 10000/1052
        Map<String, Double> v = features(List.of(
                tcp(0, "10.0.0.1", 1234, "10.0.0.2", 80, SYN, 60),
                tcp(1000, "10.0.0.2", 80, "10.0.0.1", 1234, SYN | ACK, 60),
                tcp(1500, "10.0.0.1", 1234, "10.0.0.2", 80, ACK, 52),
                tcp(4000, "10.0.0.1", 1234, "10.0.0.2", 80, PSH | ACK, 152),
                tcp(10000, "10.0.0.2", 80, "10.0.0.1", 1234, PSH | ACK, 1052)));
        double e = 1e-9;
        assertThat(v.get("flowDuration")).isEqualTo(10000);
        assertThat(v.get("flowLength")).isEqualTo(5);
        assertThat(v.get("fwdFlowLength")).isEqualTo(3);
        assertThat(v.get("bwdFlowLength")).isEqualTo(2);
        assertThat(v.get("packetSizeTotal")).isEqualTo(1376);
        assertThat(v.get("packetSizeMean")).isCloseTo(275.2, within(e));
        // squared deviations 46311.04*2 + 49818.24 + 15178.24 + 603418.24 = 761036.8; / 5
        assertThat(v.get("packetSizeStd")).isCloseTo(Math.sqrt(152207.36), within(e));
        assertThat(v.get("packetSizeMin")).isEqualTo(52);
        assertThat(v.get("packetSizeMax")).isEqualTo(1052);
        assertThat(v.get("fwdPacketSizeTotal")).isEqualTo(264);
        assertThat(v.get("bwdPacketSizeTotal")).isEqualTo(1112);
        assertThat(v.get("fwdPacketSizeMean")).isCloseTo(88, within(e));
        assertThat(v.get("bwdPacketSizeMean")).isCloseTo(556, within(e));
        assertThat(v.get("fwdPacketSizeStd")).isCloseTo(Math.sqrt(6176.0 / 3), within(e));
        assertThat(v.get("bwdPacketSizeStd")).isCloseTo(496, within(e));
        assertThat(v.get("fwdPacketSizeMin")).isEqualTo(52);
        assertThat(v.get("bwdPacketSizeMin")).isEqualTo(60);
        assertThat(v.get("fwdPacketSizeMax")).isEqualTo(152);
        assertThat(v.get("bwdPacketSizeMax")).isEqualTo(1052);
        // inter-arrival times of the flow: 1000, 500, 2500, 6000
        assertThat(v.get("IATMean")).isCloseTo(2500, within(e));
        assertThat(v.get("IATStd")).isCloseTo(Math.sqrt(18.5e6 / 4), within(1e-6));
        assertThat(v.get("IATMin")).isEqualTo(500);
        assertThat(v.get("IATMax")).isEqualTo(6000);
        // forward IATs 1500, 2500; backward IAT 9000
        assertThat(v.get("fwdIATTotal")).isEqualTo(4000);
        assertThat(v.get("bwdIATTotal")).isEqualTo(9000);
        assertThat(v.get("fwdIATMean")).isCloseTo(2000, within(e));
        assertThat(v.get("bwdIATMean")).isCloseTo(9000, within(e));
        assertThat(v.get("fwdIATStd")).isCloseTo(500, within(e));
        assertThat(v.get("bwdIATStd")).isZero();
        assertThat(v.get("fwdIATMin")).isEqualTo(1500);
        assertThat(v.get("bwdIATMin")).isEqualTo(9000);
        assertThat(v.get("fwdIATMax")).isEqualTo(2500);
        assertThat(v.get("bwdIATMax")).isEqualTo(9000);
        assertThat(v.get("flowLengthPerTime")).isCloseTo(5e-4, within(1e-15));
        assertThat(v.get("fwdFlowLengthPerTime")).isCloseTo(3e-4, within(1e-15));
        assertThat(v.get("bwdFlowLengthPerTime")).isCloseTo(2e-4, within(1e-15));
        assertThat(v.get("packetSizeTotalPerTime")).isCloseTo(0.1376, within(1e-12));
        assertThat(v.get("fwdPacketSizeTotalPerTime")).isCloseTo(0.0264, within(1e-12));
        assertThat(v.get("bwdPacketSizeTotalPerTime")).isCloseTo(0.1112, within(1e-12));
    }

    @Test
    void onePacketFlowHasZeroTimesAndRatesInsteadOfDividingByZero() {
        Map<String, Double> v = features(List.of(tcp(5, "10.0.0.1", 1, "10.0.0.2", 2, SYN, 74)));
        assertThat(v.get("flowDuration")).isZero();
        assertThat(v.get("flowLength")).isEqualTo(1);
        assertThat(v.get("packetSizeTotal")).isEqualTo(74);
        assertThat(v.get("packetSizeMean")).isEqualTo(74);
        assertThat(v.get("packetSizeStd")).isZero();
        assertThat(v.get("bwdPacketSizeMin")).as("of an empty direction").isZero();
        for (String timeOrRate : List.of("IATMean", "IATStd", "IATMin", "IATMax", "fwdIATTotal", "bwdIATTotal",
                "fwdIATMean", "bwdIATMean", "fwdIATStd", "bwdIATStd", "fwdIATMin", "bwdIATMin", "fwdIATMax",
                "bwdIATMax", "flowLengthPerTime", "fwdFlowLengthPerTime", "bwdFlowLengthPerTime",
                "packetSizeTotalPerTime", "fwdPacketSizeTotalPerTime", "bwdPacketSizeTotalPerTime")) {
            assertThat(v.get(timeOrRate)).as(timeOrRate).isZero();
        }
    }

    @Test
    void statisticsDoNotFreezeOnLongFlows() {
        List<org.flowmeter.decode.DecodedPacket> ps = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ps.add(tcp(i * 10L, "10.0.0.1", 1, "10.0.0.2", 2, ACK, 100 + i));
        }
        Map<String, Double> v = features(ps);
        assertThat(v.get("flowLength")).isEqualTo(200);
        assertThat(v.get("packetSizeMax")).as("reached by the 200th packet").isEqualTo(299);
        assertThat(v.get("packetSizeMean")).isCloseTo(199.5, within(1e-9));
    }

    @Test
    void runningStatsMergeEqualsOneStream() {
        RunningStats all = new RunningStats();
        RunningStats a = new RunningStats();
        RunningStats b = new RunningStats();
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 1000; i++) {
            double x = r.nextGaussian() * 100 + 1e6;
            all.add(x);
            (i < 377 ? a : b).add(x);
        }
        a.merge(b);
        assertThat(a.count()).isEqualTo(all.count());
        assertThat(a.mean()).isCloseTo(all.mean(), within(1e-6));
        assertThat(a.populationStd()).isCloseTo(all.populationStd(), within(1e-6));
        assertThat(a.min()).isEqualTo(all.min());
        assertThat(a.max()).isEqualTo(all.max());
    }
}
