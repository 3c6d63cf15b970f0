package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowListener;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.flow.FlowPipeline;
import org.flowmeter.flow.Packets;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.junit.jupiter.api.Test;

/** The load set on flows whose counts are worked out by hand: a spoofed-source flood, refused connections, an open flow. */
class LoadFeaturesTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final int SYN = DecodedPacket.SYN;
    private static final int ACK = DecodedPacket.ACK;

    /** Reported flows, in report order, with the load and context columns by name. */
    private static List<Map<String, Double>> run(List<DecodedPacket> packets) {
        List<FeatureSet> sets = List.of(new LoadFeatures(), new HostContextFeatures());
        List<Flow> ended = new ArrayList<>();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), sets, ended::add);
        packets.forEach(meter::add);
        meter.finish();
        List<Map<String, Double>> rows = new ArrayList<>();
        for (Flow f : ended) {
            Map<String, Double> row = CicFlows.byName(sets.get(0), f.features(0));
            row.putAll(CicFlows.byName(sets.get(1), f.features(1)));
            rows.add(row);
        }
        return rows;
    }

    private static String spoofed(int i) {
        return "11." + (i >> 16) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
    }

    /**
     * 70,000 SYNs from 70,000 spoofed sources to 10.0.0.80:80 in 14 s, none answered, and three
     * clients whose connections are answered: more sources than the context window holds.
     */
    @Test
    void aSpoofedSourceFloodIsCountedWholeAndReadsAsUnanswered() {
        List<DecodedPacket> packets = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            String client = "10.0.0." + (c + 1);
            long t = c * MS;
            packets.add(Packets.tcp(t, client, 40000, "10.0.0.80", 80, SYN, 60));
            packets.add(Packets.tcp(t + 100 * US, "10.0.0.80", 80, client, 40000, SYN | ACK, 60));
            packets.add(Packets.tcp(t + 200 * US, client, 40000, "10.0.0.80", 80, ACK, 60));
        }
        int flood = 70_000;
        for (int i = 0; i < flood; i++) {
            packets.add(Packets.tcp(10 * MS + i * 200 * US, spoofed(i), 1024 + i % 60000, "10.0.0.80", 80, SYN, 60));
        }
        List<Map<String, Double>> rows = run(packets);
        assertThat(rows).hasSize(flood + 3);
        // every flow is reported when the input ends, at one clock: the last reported sees all 70,003
        Map<String, Double> last = rows.get(rows.size() - 1);
        assertThat(last.get("ldSvcFlows")).isEqualTo(70_003);
        assertThat(last.get("ldSvcSources")).isEqualTo(70_003);
        assertThat(last.get("ldSvcAnsweredSources")).isEqualTo(3);
        assertThat(last.get("ldSvcUnansweredSources")).isEqualTo(70_000);
        assertThat(last.get("ldSvcUnansweredShare")).isEqualTo(70_000 / 70_003.0);
        assertThat(last.get("ldSvcFlowsPerSecond")).isEqualTo(70_003 / 60.0);
        assertThat(last.get("ldDstSources")).isEqualTo(70_003);
        assertThat(last.get("ldDstUnansweredSources")).isEqualTo(70_000);
        // the context window stops at its last 65,536 starts
        Map<String, Double> lastStarted = rows.stream().filter(r -> r.get("ctxDstFlows") == 65_536).findFirst().orElseThrow();
        assertThat(lastStarted.get("ctxDstSources")).isEqualTo(65_536);
        // a spoofed source sent one flow: a lone unanswered flow from its own point of view
        assertThat(last.get("ldSrcFlows")).isEqualTo(1);
        assertThat(last.get("ldSrcUnansweredShare")).isEqualTo(1);
        assertThat(last.get("ldPairFailedShare")).isEqualTo(1);
        assertThat(last.get("ldSrcUnansweredFlows")).isEqualTo(1);
        assertThat(last.get("ldPairFailedFlows")).isEqualTo(1);
        assertThat(last.get("ldSvcUnansweredFlows")).isEqualTo(70_000);
        assertThat(last.get("ldDstUnansweredFlows")).isEqualTo(70_000);
    }

    /**
     * refused.pcap (tcpdump on lo): three TCP connections to a closed port, each SYN answered by
     * RST/ACK; two datagrams (two source ports) to a closed UDP port; two ICMP port unreachables back (one ICMP flow,
     * both messages having the same type and code). All from 127.0.0.1 to 127.0.0.1: six flows.
     */
    @Test
    void refusedConnectionsAreAnsweredButFailedAndUdpAndIcmpWithoutAnswerAreUnanswered() throws IOException {
        List<FeatureSet> sets = List.of(new LoadFeatures());
        List<Flow> ended = new ArrayList<>();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), sets, ended::add);
        try (PacketSource source = Captures.open(REPO.resolve("fixtures/captures/refused.pcap").toString())) {
            new FlowPipeline(new PacketDecoder(), meter).run(source, null);
        }
        meter.finish();
        assertThat(ended).hasSize(6);
        Map<String, Double> last = CicFlows.byName(sets.get(0), ended.get(5).features(0));
        assertThat(last.get("ldSrcFlows")).isEqualTo(6);
        assertThat(last.get("ldSrcUnansweredShare")).as("2 UDP + 1 ICMP of 6").isEqualTo(0.5);
        assertThat(last.get("ldSrcFailedShare")).as("and 3 resets").isEqualTo(1.0);
        assertThat(last.get("ldSrcUnansweredFlows")).as("2 UDP + 1 ICMP").isEqualTo(3);
        assertThat(last.get("ldSrcFailedFlows")).as("and 3 resets").isEqualTo(6);
        assertThat(last.get("ldSrcHosts")).isEqualTo(1);
        // TCP 47001, UDP 47002 (both datagrams), ICMP type 3 code 3
        assertThat(last.get("ldSrcEndpoints")).isEqualTo(3);
        assertThat(last.get("ldSrcAnsweredEndpoints")).as("the resets answered the TCP endpoint").isEqualTo(1);
        assertThat(last.get("ldDstSources")).isEqualTo(1);
        assertThat(last.get("ldDstAnsweredSources")).isEqualTo(1);
        Map<Integer, Integer> reportedOfProtocol = new java.util.HashMap<>();
        for (Flow f : ended) {
            Map<String, Double> v = CicFlows.byName(sets.get(0), f.features(0));
            // the k-th unanswered flow of its service reported sees k of them (itself included)
            int k = reportedOfProtocol.merge((int) f.protocol, 1, Integer::sum);
            if (f.protocol == DecodedPacket.TCP) {
                assertThat(v.get("ldPairFailedShare")).isEqualTo(1.0);
                assertThat(v.get("ldSvcUnansweredShare")).isZero();
                assertThat(v.get("ldSvcUnansweredFlows")).isZero();
            } else {
                assertThat(v.get("ldSvcUnansweredShare")).as("%s", f.protocol).isEqualTo(1.0);
                assertThat(v.get("ldSvcAnsweredSources")).isZero();
                assertThat(v.get("ldSvcUnansweredFlows")).as("%s", f.protocol).isEqualTo(k);
            }
        }
    }

    @Test
    void anOpenFlowScoredEarlyCountsItselfAsItIsSoFarAndChangesNothing() {
        LoadFeatures set = new LoadFeatures();
        List<Flow> ended = new ArrayList<>();
        List<Map<String, Double>> early = new ArrayList<>();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(set), new FlowListener() {
            @Override
            public void onPacket(Flow flow, DecodedPacket packet, boolean forward) {
                if (packet.srcPort == 5001 || packet.dstPort == 5001) {
                    early.add(CicFlows.byName(set, flow.features(0)));
                }
            }

            @Override
            public void onFlowEnd(Flow flow) {
                ended.add(flow);
            }
        });
        meter.add(Packets.udp(0, "10.0.0.1", 5000, "10.0.0.53", 53, 80));
        meter.add(Packets.udp(MS, "10.0.0.53", 53, "10.0.0.1", 5000, 120));
        meter.add(Packets.udp(10 * MS, "10.0.0.2", 5001, "10.0.0.53", 53, 80));
        meter.add(Packets.udp(20 * MS, "10.0.0.53", 53, "10.0.0.2", 5001, 120));
        meter.finish();
        // before its answer: the only flow held is none (the first is not reported yet), so itself, unanswered
        assertThat(early.get(0).get("ldSvcFlows")).isEqualTo(1);
        assertThat(early.get(0).get("ldSvcUnansweredShare")).isEqualTo(1);
        assertThat(early.get(0).get("ldSvcAnsweredSources")).isZero();
        assertThat(early.get(0).get("ldSvcUnansweredSources")).isEqualTo(1);
        assertThat(early.get(1).get("ldSvcUnansweredShare")).isZero();
        assertThat(early.get(1).get("ldSvcAnsweredSources")).isEqualTo(1);
        // at the end of input the first is reported first, then the second sees both
        Map<String, Double> first = CicFlows.byName(set, ended.get(0).features(0));
        Map<String, Double> second = CicFlows.byName(set, ended.get(1).features(0));
        assertThat(first.get("ldSvcFlows")).isEqualTo(1);
        assertThat(second.get("ldSvcFlows")).isEqualTo(2);
        assertThat(second.get("ldSvcSources")).isEqualTo(2);
        assertThat(second.get("ldSvcAnsweredSources")).isEqualTo(2);
        assertThat(second.get("ldSvcUnansweredShare")).isZero();
        assertThat(second.get("ldSrcFlows")).isEqualTo(1);
        assertThat(second.get("ldDstFlowsPerSecond")).isEqualTo(2 / 60.0);
    }

    /**
     * The clock is the newest packet the flows have seen: a flow the meter reports on the arrival
     * of a packet after a quiet gap is stamped with the time before the gap, so after a gap longer
     * than the window it no longer counts for the flows reported after the gap.
     */
    @Test
    void aFlowReportedAfterAQuietGapLongerThanTheWindowIsNotCountedAfterIt() {
        LoadFeatures set = new LoadFeatures();
        List<Flow> ended = new ArrayList<>();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(set), ended::add);
        meter.add(Packets.udp(0, "10.0.0.1", 5000, "10.0.0.53", 53, 80));
        meter.add(Packets.udp(MS, "10.0.0.53", 53, "10.0.0.1", 5000, 120));
        // 121 s later: the first flow is idle and is reported before this packet is counted
        meter.add(Packets.udp(121_000 * MS, "10.0.0.2", 5001, "10.0.0.53", 53, 80));
        meter.add(Packets.udp(121_001 * MS, "10.0.0.1", 5002, "10.0.0.53", 53, 80));
        assertThat(ended).hasSize(1);
        meter.finish();
        Map<String, Double> last = CicFlows.byName(set, ended.get(2).features(0));
        assertThat(last.get("ldSvcFlows")).isEqualTo(2);
        assertThat(last.get("ldSvcSources")).isEqualTo(2);
        assertThat(last.get("ldSvcAnsweredSources")).isZero();
        assertThat(last.get("ldSvcUnansweredShare")).isEqualTo(1.0);
    }
}
