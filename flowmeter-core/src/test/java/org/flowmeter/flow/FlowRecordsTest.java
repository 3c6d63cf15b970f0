package org.flowmeter.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An ended flow that dropped its feature state, written as a record and read back, equals the
 * flow the meter made in every field (by reflection, so that a field added to {@link Flow} later
 * and not written fails here), on real captures: IPv4 and IPv6, TCP ended by FIN, RST, idle
 * timeout and the end of the input, UDP, SCTP, flows whose first packet went backward.
 */
class FlowRecordsTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    /** The table's links and the consumer's slot: not part of a record (an ended flow has left the table). */
    private static final Set<String> NOT_KEPT = Set.of("older", "newer", "list", "slot", "slotValue");

    private static List<Flow> endedAndReleased(String file) throws IOException {
        List<Flow> ended = new ArrayList<>();
        // Even addresses are local, so that some flows' first packet went backward (to a local side).
        FlowConfig d = FlowConfig.defaults();
        FlowConfig config = new FlowConfig(d.idleTimeoutNanos(), d.activeTimeoutNanos(), d.tcpLingerNanos(),
                d.maxFlows(), (version, hi, lo) -> (lo & 1) == 0, false);
        FlowMeter meter = new FlowMeter(config, FeatureSets.parse("deepfence,cic,context"), ended::add);
        try (PacketSource source = Captures.open(REPO.resolve(file).toString())) {
            new FlowPipeline(new PacketDecoder(), meter).run(source, null);
        }
        meter.finish();
        ended.forEach(Flow::releaseFeatureState);
        return ended;
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixtures/captures/bench_small.pcap", "fixtures/captures/ipv6_benign.pcap",
            "fixtures/captures/scan_lo.pcap", "fixtures/captures/tunnels.pcap", "fixtures/captures/two_iface.pcapng",
            "fixtures/captures/sctp_init_scan.pcap", "fixtures/captures/refused.pcap"})
    void aRecordReadBackEqualsTheFlowInEveryField(String file) throws Exception {
        List<Flow> flows = endedAndReleased(file);
        assertThat(flows).isNotEmpty();
        // Records side by side at offsets, as a chunk holds them: no record reaches into the next.
        long[] longs = new long[(flows.size() + 1) * FlowRecords.LONGS];
        int[] ints = new int[(flows.size() + 1) * FlowRecords.INTS];
        for (int n = 0; n < flows.size(); n++) {
            assertThat(FlowRecords.fits(flows.get(n))).isTrue();
            FlowRecords.write(flows.get(n), longs, (n + 1) * FlowRecords.LONGS, ints, (n + 1) * FlowRecords.INTS);
        }
        for (int n = 0; n < flows.size(); n++) {
            Flow original = flows.get(n);
            Flow read = FlowRecords.read(longs, (n + 1) * FlowRecords.LONGS, ints, (n + 1) * FlowRecords.INTS);
            assertSameFields(original, read);
            assertThat(FlowRecords.firstNanos(longs, (n + 1) * FlowRecords.LONGS)).isEqualTo(original.firstNanos());
            assertThat(read.featureStateReleased()).isEqualTo(original.featureStateReleased());
            assertThat(read.featureSetCount()).isEqualTo(3);
        }
    }

    @Test
    void theCapturesCoverEveryWayAFlowEndsThatTheRecordKeeps() throws Exception {
        Set<EndReason> reasons = EnumSet.noneOf(EndReason.class);
        Set<Integer> protocols = new java.util.HashSet<>();
        Set<Integer> versions = new java.util.HashSet<>();
        boolean closedByTeardown = false;
        boolean cutByEndOfInput = false;
        boolean backwardFirst = false;
        for (String file : List.of("fixtures/captures/bench_small.pcap", "fixtures/captures/ipv6_benign.pcap",
                "fixtures/captures/scan_lo.pcap", "fixtures/captures/tunnels.pcap", "fixtures/captures/two_iface.pcapng",
                "fixtures/captures/sctp_init_scan.pcap", "fixtures/captures/refused.pcap")) {
            for (Flow f : endedAndReleased(file)) {
                reasons.add(f.endReason());
                protocols.add(f.protocol);
                versions.add(f.ipVersion);
                closedByTeardown |= f.closed && f.closedNanos != 0;
                cutByEndOfInput |= f.cutByEndOfInput;
                backwardFirst |= !f.firstPacketForward;
            }
        }
        assertThat(reasons).contains(EndReason.FIN, EndReason.RST, EndReason.END_OF_INPUT);
        assertThat(versions).containsExactlyInAnyOrder(4, 6);
        assertThat(protocols).contains(6, 17, 132);
        assertThat(closedByTeardown).isTrue();
        assertThat(cutByEndOfInput).isTrue();
        assertThat(backwardFirst).isTrue();
    }

    @Test
    void aFlowWithItsFeatureStateOrStillInTheTableIsNotWritten() {
        RecordingListener out = new RecordingListener();
        FlowMeter m = new FlowMeter(FlowConfig.defaults(), FeatureSets.parse("deepfence"), out);
        m.add(Packets.udp(0, "10.0.0.1", 1, "10.0.0.2", 2, 60));
        m.finish();
        Flow ended = out.ended.get(0);
        assertThat(FlowRecords.fits(ended)).isFalse(); // still has its features
        ended.releaseFeatureState();
        assertThat(FlowRecords.fits(ended)).isTrue();
        ended.list = new RecencyList();
        assertThat(FlowRecords.fits(ended)).isFalse();
    }

    private static void assertSameFields(Flow original, Flow read) throws IllegalAccessException {
        for (Field f : Flow.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            if (NOT_KEPT.contains(f.getName())) {
                assertThat(f.get(read)).as(f.getName()).isNull();
            } else if (f.getName().equals("features")) {
                assertThat(read.features).as("the shared array of nulls").isSameAs(original.features);
            } else {
                assertThat(f.get(read)).as("flow %d: %s", original.id, f.getName()).isEqualTo(f.get(original));
            }
        }
    }
}
