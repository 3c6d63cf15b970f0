package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.flowmeter.decode.DecodedPacket.ACK;
import static org.flowmeter.decode.DecodedPacket.CWR;
import static org.flowmeter.decode.DecodedPacket.ECE;
import static org.flowmeter.decode.DecodedPacket.FIN;
import static org.flowmeter.decode.DecodedPacket.PSH;
import static org.flowmeter.decode.DecodedPacket.RST;
import static org.flowmeter.decode.DecodedPacket.SYN;
import static org.flowmeter.decode.DecodedPacket.URG;
import static org.flowmeter.feature.CicFlows.MICROS;
import static org.flowmeter.feature.CicFlows.flow;
import static org.flowmeter.flow.Packets.payload;
import static org.flowmeter.flow.Packets.window;

import java.util.List;
import java.util.Map;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Packets;
import org.junit.jupiter.api.Test;

/** Every CIC column of a small TCP conversation, worked out by hand (see the comments). */
class CicFeaturesTest {
    private static final double E = 1e-6;

    private static DecodedPacket fwd(long micros, int flags, int header, int data, int win) {
        return window(payload(Packets.tcp(micros * MICROS, "10.0.0.1", 40000, "10.0.0.2", 80, flags, 0),
                header, data), win);
    }

    private static DecodedPacket bwd(long micros, int flags, int header, int data, int win) {
        return window(payload(Packets.tcp(micros * MICROS, "10.0.0.2", 80, "10.0.0.1", 40000, flags, 0),
                header, data), win);
    }

    /**
     * Handshake with ECN, one request, one answer, FIN both ways, last ACK.
     * Forward payloads 0,0,300,0,0 at 0,1500,2000,8000,10000 µs; backward 0,0,1000,0 at 1000,4000,5000,9000 µs.
     */
    private static final List<DecodedPacket> CONVERSATION = List.of(
            fwd(0, SYN | ECE | CWR, 40, 0, 64240),
            bwd(1000, SYN | ACK | ECE, 40, 0, 65160),
            fwd(1500, ACK, 20, 0, 502),
            fwd(2000, PSH | ACK, 20, 300, 502),
            bwd(4000, ACK, 20, 0, 509),
            bwd(5000, PSH | ACK, 20, 1000, 509),
            fwd(8000, FIN | ACK, 20, 0, 502),
            bwd(9000, FIN | ACK, 20, 0, 509),
            fwd(10000, ACK, 20, 0, 502));

    @Test
    void countsLengthsAndRates() {
        Map<String, Double> v = flow(CONVERSATION);
        assertThat(v.get("Flow Duration")).isEqualTo(10000);
        assertThat(v.get("Total Fwd Packet")).isEqualTo(5);
        assertThat(v.get("Total Bwd packets")).isEqualTo(4);
        assertThat(v.get("Total Length of Fwd Packet")).isEqualTo(300);
        assertThat(v.get("Total Length of Bwd Packet")).isEqualTo(1000);
        assertThat(v.get("Fwd Packet Length Max")).isEqualTo(300);
        assertThat(v.get("Fwd Packet Length Min")).isZero();
        assertThat(v.get("Fwd Packet Length Mean")).isCloseTo(60, within(E));
        // sample std: (4 * 60² + 240²) / 4 = 18000
        assertThat(v.get("Fwd Packet Length Std")).isCloseTo(Math.sqrt(18000), within(E));
        assertThat(v.get("Bwd Packet Length Max")).isEqualTo(1000);
        assertThat(v.get("Bwd Packet Length Min")).isZero();
        assertThat(v.get("Bwd Packet Length Mean")).isCloseTo(250, within(E));
        // (3 * 250² + 750²) / 3 = 250000
        assertThat(v.get("Bwd Packet Length Std")).isCloseTo(500, within(E));
        // 1300 payload bytes and 9 packets in 0.01 s
        assertThat(v.get("Flow Bytes/s")).isCloseTo(130000, within(E));
        assertThat(v.get("Flow Packets/s")).isCloseTo(900, within(E));
        assertThat(v.get("Fwd Packets/s")).isCloseTo(500, within(E));
        assertThat(v.get("Bwd Packets/s")).isCloseTo(400, within(E));
        // all 9 payloads: seven 0, 300, 1000; mean 1300/9; m2 = 1090000 - 9 * mean²
        double mean = 1300.0 / 9;
        double variance = (1090000 - 9 * mean * mean) / 8;
        assertThat(v.get("Packet Length Min")).isZero();
        assertThat(v.get("Packet Length Max")).isEqualTo(1000);
        assertThat(v.get("Packet Length Mean")).isCloseTo(mean, within(E));
        assertThat(v.get("Packet Length Std")).isCloseTo(Math.sqrt(variance), within(E));
        assertThat(v.get("Packet Length Variance")).isCloseTo(variance, within(E));
        assertThat(v.get("Down/Up Ratio")).isCloseTo(0.8, within(E));
        assertThat(v.get("Average Packet Size")).isCloseTo(mean, within(E));
        assertThat(v.get("Fwd Segment Size Avg")).isCloseTo(60, within(E));
        assertThat(v.get("Bwd Segment Size Avg")).isCloseTo(250, within(E));
        // one subflow: no gap over 1 s
        assertThat(v.get("Subflow Fwd Packets")).isEqualTo(5);
        assertThat(v.get("Subflow Fwd Bytes")).isEqualTo(300);
        assertThat(v.get("Subflow Bwd Packets")).isEqualTo(4);
        assertThat(v.get("Subflow Bwd Bytes")).isEqualTo(1000);
        assertThat(v.get("Fwd Act Data Pkts")).isEqualTo(1);
        assertThat(v.get("ICMP Code")).isEqualTo(-1);
        assertThat(v.get("ICMP Type")).isEqualTo(-1);
        assertThat(v.get("Total TCP Flow Time")).isEqualTo(10000);
    }

    @Test
    void interArrivalTimesInMicroseconds() {
        Map<String, Double> v = flow(CONVERSATION);
        // flow gaps 1000,500,500,2000,1000,3000,1000,1000: mean 1250, Σ(x - mean)² = 5e6
        assertThat(v.get("Flow IAT Mean")).isCloseTo(1250, within(E));
        assertThat(v.get("Flow IAT Std")).isCloseTo(Math.sqrt(5e6 / 7), within(E));
        assertThat(v.get("Flow IAT Max")).isEqualTo(3000);
        assertThat(v.get("Flow IAT Min")).isEqualTo(500);
        // forward gaps 1500,500,6000,2000: Σ(x - 2500)² = 17.5e6
        assertThat(v.get("Fwd IAT Total")).isEqualTo(10000);
        assertThat(v.get("Fwd IAT Mean")).isCloseTo(2500, within(E));
        assertThat(v.get("Fwd IAT Std")).isCloseTo(Math.sqrt(17.5e6 / 3), within(E));
        assertThat(v.get("Fwd IAT Max")).isEqualTo(6000);
        assertThat(v.get("Fwd IAT Min")).isEqualTo(500);
        // backward gaps 3000,1000,4000: Σ(x - 8000/3)² = 14e6/3
        assertThat(v.get("Bwd IAT Total")).isEqualTo(8000);
        assertThat(v.get("Bwd IAT Mean")).isCloseTo(8000.0 / 3, within(E));
        assertThat(v.get("Bwd IAT Std")).isCloseTo(Math.sqrt(14e6 / 3 / 2), within(E));
        assertThat(v.get("Bwd IAT Max")).isEqualTo(4000);
        assertThat(v.get("Bwd IAT Min")).isEqualTo(1000);
    }

    @Test
    void flagsHeadersAndWindows() {
        Map<String, Double> v = flow(CONVERSATION);
        assertThat(v.get("Fwd PSH Flags")).isEqualTo(1);
        assertThat(v.get("Bwd PSH Flags")).isEqualTo(1);
        assertThat(v.get("Fwd URG Flags")).isZero();
        assertThat(v.get("Bwd URG Flags")).isZero();
        assertThat(v.get("Fwd RST Flags")).isZero();
        assertThat(v.get("Bwd RST Flags")).isZero();
        assertThat(v.get("FIN Flag Count")).isEqualTo(2);
        assertThat(v.get("SYN Flag Count")).isEqualTo(2);
        assertThat(v.get("RST Flag Count")).isZero();
        assertThat(v.get("PSH Flag Count")).isEqualTo(2);
        assertThat(v.get("ACK Flag Count")).isEqualTo(8);
        assertThat(v.get("URG Flag Count")).isZero();
        assertThat(v.get("CWR Flag Count")).isEqualTo(1);
        assertThat(v.get("ECE Flag Count")).isEqualTo(2);
        assertThat(v.get("Fwd Header Length")).isEqualTo(40 + 4 * 20);
        assertThat(v.get("Bwd Header Length")).isEqualTo(40 + 3 * 20);
        assertThat(v.get("Fwd Seg Size Min")).isEqualTo(20);
        // the windows of the SYN and the SYN-ACK, not of the last packet of each direction
        assertThat(v.get("FWD Init Win Bytes")).isEqualTo(64240);
        assertThat(v.get("Bwd Init Win Bytes")).isEqualTo(65160);
    }

    @Test
    void theInitialWindowIsTheFirstOneCapturedNotACutOneReadAsZero() {
        DecodedPacket cut = fwd(0, SYN, 40, 0, 0);
        cut.tcpCut = DecodedPacket.CUT_WINDOW;
        Map<String, Double> v = flow(List.of(cut, bwd(10, SYN | ACK, 40, 0, 65160), fwd(20, ACK, 20, 0, 502)));
        assertThat(v.get("FWD Init Win Bytes")).isEqualTo(502);
        assertThat(v.get("Bwd Init Win Bytes")).isEqualTo(65160);
    }

    @Test
    void urgentAndResetFlagsCountPerDirection() {
        Map<String, Double> v = flow(List.of(
                fwd(0, SYN, 20, 0, 0),
                bwd(10, SYN | ACK, 20, 0, 0),
                fwd(20, ACK | URG | PSH, 20, 1, 0),
                fwd(30, ACK | URG, 20, 1, 0),
                bwd(40, RST | ACK, 20, 0, 0)));
        assertThat(v.get("Fwd URG Flags")).isEqualTo(2);
        assertThat(v.get("Bwd URG Flags")).isZero();
        assertThat(v.get("Fwd RST Flags")).isZero();
        assertThat(v.get("Bwd RST Flags")).isEqualTo(1);
        assertThat(v.get("URG Flag Count")).isEqualTo(2);
        assertThat(v.get("RST Flag Count")).isEqualTo(1);
        assertThat(v.get("Fwd Act Data Pkts")).isEqualTo(2);
    }

    @Test
    void onePacketFlowHasZerosInsteadOfInfinityOrNaN() {
        Map<String, Double> v = flow(List.of(fwd(7, SYN, 40, 0, 1024)));
        assertThat(v.values()).allSatisfy(x -> assertThat(x).isFinite());
        assertThat(v.get("Flow Duration")).isZero();
        assertThat(v.get("Flow Bytes/s")).isZero();
        assertThat(v.get("Flow Packets/s")).isZero();
        assertThat(v.get("Flow IAT Mean")).isZero();
        assertThat(v.get("Down/Up Ratio")).isZero();
        assertThat(v.get("Bwd Init Win Bytes")).isZero();
        assertThat(v.get("FWD Init Win Bytes")).isEqualTo(1024);
        assertThat(v.get("Fwd Seg Size Min")).isEqualTo(40);
        assertThat(v.get("Subflow Fwd Packets")).isEqualTo(1);
    }

    @Test
    void writeGivesTheSameNumbersAsValues() {
        CicFeatures set = new CicFeatures();
        FlowFeatures state = set.newFlow();
        state.onFirstPacket(CONVERSATION.get(0), true);
        for (DecodedPacket p : CONVERSATION.subList(1, CONVERSATION.size())) {
            state.onPacket(p, p.srcPort == 40000);
        }
        double[] values = new double[set.columns().size()];
        state.values(values, 0);
        double[] written = new double[values.length];
        int[] at = {0};
        state.write(new RowWriter() {
            @Override
            public void string(String value) {
                throw new AssertionError("no string columns");
            }

            @Override
            public void integer(long value) {
                assertThat(set.columns().get(at[0]).type()).isEqualTo(ColumnType.LONG);
                written[at[0]++] = value;
            }

            @Override
            public void real(double value) {
                assertThat(set.columns().get(at[0]).type()).isEqualTo(ColumnType.DOUBLE);
                written[at[0]++] = value;
            }
        });
        assertThat(at[0]).isEqualTo(values.length);
        assertThat(written).containsExactly(values);
    }
}
