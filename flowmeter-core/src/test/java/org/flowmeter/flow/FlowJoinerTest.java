package org.flowmeter.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.feature.DeepfenceFeatures;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A capture cut into consecutive files, each file's flows computed on its own and the cut flows
 * joined, gives the flows of one pass over the whole capture: same packets, bytes, end reasons
 * and features.
 */
class FlowJoinerTest {
    private static final Path FIXTURES = Path.of("").toAbsolutePath().getParent().resolve("fixtures/captures");

    /** A captured packet kept in memory. */
    private record Packet(byte[] data, int originalLength, long nanos, int linkType) {
    }

    private static List<Packet> read(Path capture) throws IOException {
        List<Packet> packets = new ArrayList<>();
        try (PacketSource source = Captures.open(capture.toString())) {
            RawPacket p = new RawPacket();
            while (source.next(p)) {
                packets.add(new Packet(Arrays.copyOfRange(p.data, p.offset, p.offset + p.capturedLength),
                        p.originalLength, p.timestampNanos, p.linkType));
            }
        }
        return packets;
    }

    /** Flows of one run over some packets; the file start time is returned in {@code start[0]}. */
    private static List<Flow> flows(List<Packet> packets, FlowConfig config) {
        List<Flow> out = new ArrayList<>();
        FlowMeter meter = new FlowMeter(config, List.of(new DeepfenceFeatures()), out::add);
        PacketDecoder decoder = new PacketDecoder();
        RawPacket raw = new RawPacket();
        DecodedPacket decoded = new DecodedPacket();
        for (Packet p : packets) {
            raw.set(p.data, 0, p.data.length, p.originalLength, p.nanos, p.linkType, 0);
            if (decoder.decode(raw, decoded) == null) {
                meter.add(decoded);
            }
        }
        meter.finish();
        return out;
    }

    private static String key(Flow f) {
        String a = f.srcHi + ":" + f.srcLo + ":" + f.srcPort;
        String b = f.dstHi + ":" + f.dstLo + ":" + f.dstPort;
        return f.protocol + " " + (a.compareTo(b) < 0 ? a + " " + b : b + " " + a);
    }

    private static List<Flow> splitAndJoin(List<Packet> packets, int[] cuts, FlowConfig config, int[] maxSegments) {
        FlowJoiner joiner = new FlowJoiner(config);
        List<Flow> finished = new ArrayList<>();
        Map<String, List<Flow>> pending = new TreeMap<>();
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : packets.size();
            List<Packet> file = packets.subList(from, to);
            from = to;
            if (file.isEmpty()) {
                continue;
            }
            long fileStart = file.get(0).nanos;
            for (Flow f : flows(file, config)) {
                boolean cut = FlowJoiner.mayContinue(f) || joiner.mayBeContinuation(f, fileStart);
                if (cut) {
                    pending.computeIfAbsent(key(f), k -> new ArrayList<>()).add(f);
                } else {
                    finished.add(f);
                }
            }
        }
        for (List<Flow> segments : pending.values()) {
            segments.sort(Comparator.comparingLong(Flow::firstNanos));
            List<Flow> joined = joiner.join(segments);
            maxSegments[0] = Math.max(maxSegments[0], segments.size() - joined.size() + 1);
            finished.addAll(joined);
        }
        return finished;
    }

    private static Map<String, double[]> describe(List<Flow> flows) {
        Map<String, double[]> m = new LinkedHashMap<>();
        flows.sort(Comparator.comparing(FlowJoinerTest::key).thenComparingLong(Flow::firstNanos));
        for (Flow f : flows) {
            double[] v = new double[42];
            f.features(0).values(v, 0);
            v[39] = f.packets();
            v[40] = f.bytes();
            v[41] = f.endReason().ordinal();
            String k = key(f) + " @" + f.firstNanos();
            assertThat(m.put(k, v)).as("one flow per key and start").isNull();
        }
        return m;
    }

    @ParameterizedTest
    @CsvSource({"bench_small.pcap, 3", "http_small.pcap, 3", "udp_ping.pcap, 2", "two_iface.pcapng, 3"})
    void cutFilesJoinIntoTheFlowsOfOnePass(String capture, int files) throws IOException {
        List<Packet> packets = read(FIXTURES.resolve(capture));
        FlowConfig config = FlowConfig.defaults();
        Map<String, double[]> onePass = describe(flows(packets, config));
        Random random = new Random(capture.hashCode());
        int spanning = 0;
        for (int trial = 0; trial < 20; trial++) {
            int[] cuts = random.ints(files - 1, 1, packets.size()).sorted().toArray();
            int[] maxSegments = {0};
            Map<String, double[]> joined = describe(splitAndJoin(packets, cuts, config, maxSegments));
            assertThat(joined.keySet()).as("cuts %s", Arrays.toString(cuts)).isEqualTo(onePass.keySet());
            for (var e : onePass.entrySet()) {
                double[] expected = e.getValue();
                double[] actual = joined.get(e.getKey());
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as("%s column %d, cuts %s", e.getKey(), i, Arrays.toString(cuts))
                            .isCloseTo(expected[i], within(1e-9 * Math.max(1, Math.abs(expected[i]))));
                }
            }
            spanning = Math.max(spanning, maxSegments[0]);
        }
        assertThat(spanning).as("some flow was cut into %d pieces", files).isEqualTo(files);
    }
}
