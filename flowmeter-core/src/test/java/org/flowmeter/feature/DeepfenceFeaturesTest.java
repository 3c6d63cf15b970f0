package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.flowmeter.decode.DecodedPacket.ACK;
import static org.flowmeter.decode.DecodedPacket.PSH;
import static org.flowmeter.decode.DecodedPacket.SYN;
import static org.flowmeter.flow.Packets.tcp;

import java.util.ArrayList;
import java.util.List;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.junit.jupiter.api.Test;

/** Every Deepfence feature of small flows, worked out by hand (see the comments). */
class DeepfenceFeaturesTest {

    private static double[] features(List<org.flowmeter.decode.DecodedPacket> packets) {
        List<Flow> ended = new ArrayList<>();
        FlowMeter m = new FlowMeter(FlowConfig.defaults(), List.of(new DeepfenceFeatures()), ended::add);
        packets.forEach(m::add);
        m.finish();
        assertThat(ended).hasSize(1);
        double[] v = new double[39];
        ended.get(0).features(0).values(v, 0);
        return v;
    }

    @Test
    void fivePacketTcpFlow() {
        // times (ns) and wire sizes: fwd 0/60, bwd 1000/60, fwd 1500/52, fwd 4000/152, bwd 10000/1052
        double[] v = features(List.of(
                tcp(0, "10.0.0.1", 1234, "10.0.0.2", 80, SYN, 60),
                tcp(1000, "10.0.0.2", 80, "10.0.0.1", 1234, SYN | ACK, 60),
                tcp(1500, "10.0.0.1", 1234, "10.0.0.2", 80, ACK, 52),
                tcp(4000, "10.0.0.1", 1234, "10.0.0.2", 80, PSH | ACK, 152),
                tcp(10000, "10.0.0.2", 80, "10.0.0.1", 1234, PSH | ACK, 1052)));
        double e = 1e-9;
        assertThat(v[0]).as("flowDuration").isEqualTo(10000);
        assertThat(v[1]).as("flowLength").isEqualTo(5);
        assertThat(v[2]).as("fwdFlowLength").isEqualTo(3);
        assertThat(v[3]).as("bwdFlowLength").isEqualTo(2);
        assertThat(v[4]).as("packetSizeTotal").isEqualTo(1376);
        assertThat(v[5]).as("packetSizeMean").isCloseTo(275.2, within(e));
        // squared deviations 46311.04*2 + 49818.24 + 15178.24 + 603418.24 = 761036.8; / 5
        assertThat(v[6]).as("packetSizeStd").isCloseTo(Math.sqrt(152207.36), within(e));
        assertThat(v[7]).as("packetSizeMin").isEqualTo(52);
        assertThat(v[8]).as("packetSizeMax").isEqualTo(1052);
        assertThat(v[9]).as("fwdPacketSizeTotal").isEqualTo(264);
        assertThat(v[10]).as("bwdPacketSizeTotal").isEqualTo(1112);
        assertThat(v[11]).as("fwdPacketSizeMean").isCloseTo(88, within(e));
        assertThat(v[12]).as("bwdPacketSizeMean").isCloseTo(556, within(e));
        assertThat(v[13]).as("fwdPacketSizeStd").isCloseTo(Math.sqrt(6176.0 / 3), within(e));
        assertThat(v[14]).as("bwdPacketSizeStd").isCloseTo(496, within(e));
        assertThat(v[15]).as("fwdPacketSizeMin").isEqualTo(52);
        assertThat(v[16]).as("bwdPacketSizeMin").isEqualTo(60);
        assertThat(v[17]).as("fwdPacketSizeMax").isEqualTo(152);
        assertThat(v[18]).as("bwdPacketSizeMax").isEqualTo(1052);
        // inter-arrival times of the flow: 1000, 500, 2500, 6000
        assertThat(v[19]).as("IATMean").isCloseTo(2500, within(e));
        assertThat(v[20]).as("IATStd").isCloseTo(Math.sqrt(18.5e6 / 4), within(1e-6));
        assertThat(v[21]).as("IATMin").isEqualTo(500);
        assertThat(v[22]).as("IATMax").isEqualTo(6000);
        // forward IATs 1500, 2500; backward IAT 9000
        assertThat(v[23]).as("fwdIATTotal").isEqualTo(4000);
        assertThat(v[24]).as("bwdIATTotal").isEqualTo(9000);
        assertThat(v[25]).as("fwdIATMean").isCloseTo(2000, within(e));
        assertThat(v[26]).as("bwdIATMean").isCloseTo(9000, within(e));
        assertThat(v[27]).as("fwdIATStd").isCloseTo(500, within(e));
        assertThat(v[28]).as("bwdIATStd").isZero();
        assertThat(v[29]).as("fwdIATMin").isEqualTo(1500);
        assertThat(v[30]).as("bwdIATMin").isEqualTo(9000);
        assertThat(v[31]).as("fwdIATMax").isEqualTo(2500);
        assertThat(v[32]).as("bwdIATMax").isEqualTo(9000);
        assertThat(v[33]).as("flowLengthPerTime").isCloseTo(5e-4, within(1e-15));
        assertThat(v[34]).as("fwdFlowLengthPerTime").isCloseTo(3e-4, within(1e-15));
        assertThat(v[35]).as("bwdFlowLengthPerTime").isCloseTo(2e-4, within(1e-15));
        assertThat(v[36]).as("packetSizeTotalPerTime").isCloseTo(0.1376, within(1e-12));
        assertThat(v[37]).as("fwdPacketSizeTotalPerTime").isCloseTo(0.0264, within(1e-12));
        assertThat(v[38]).as("bwdPacketSizeTotalPerTime").isCloseTo(0.1112, within(1e-12));
    }

    @Test
    void onePacketFlowHasZeroTimesAndRatesInsteadOfDividingByZero() {
        double[] v = features(List.of(tcp(5, "10.0.0.1", 1, "10.0.0.2", 2, SYN, 74)));
        assertThat(v[0]).isZero();
        assertThat(v[1]).isEqualTo(1);
        assertThat(v[4]).isEqualTo(74);
        assertThat(v[5]).isEqualTo(74);
        assertThat(v[6]).isZero();
        assertThat(v[16]).as("bwdPacketSizeMin of an empty direction").isZero();
        for (int i = 19; i < 39; i++) {
            assertThat(v[i]).as("feature %d", i).isZero();
        }
    }

    @Test
    void statisticsDoNotFreezeOnLongFlows() {
        List<org.flowmeter.decode.DecodedPacket> ps = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ps.add(tcp(i * 10L, "10.0.0.1", 1, "10.0.0.2", 2, ACK, 100 + i));
        }
        double[] v = features(ps);
        assertThat(v[1]).isEqualTo(200);
        assertThat(v[8]).as("max reached by the 200th packet").isEqualTo(299);
        assertThat(v[5]).isCloseTo(199.5, within(1e-9));
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
