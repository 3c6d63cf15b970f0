package org.flowmeter.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.IpAddresses;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.feature.DeepfenceFeatures;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.flow.FlowPipeline;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Per conversation, packets and wire bytes in each direction equal tshark's conversation
 * statistics ({@code fixtures/golden/*.conv.csv}, made by fixtures/golden/make-golden.sh).
 * Our flows may split one conversation (timeouts, port reuse after FIN), so flows are summed
 * per 5-tuple before comparing.
 */
class ConversationGoldenTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path GOLDEN = REPO.resolve("fixtures/golden");

    /**
     * tshark counts a fragmented datagram once, in the frame that completes it; we count every
     * fragment in its flow (docs/features.md). Checked separately below.
     */
    private static final String FRAGMENTED = "dns_fragmented.pcap";

    static Stream<String> captures() throws IOException {
        List<String> files = new ArrayList<>();
        for (String line : Files.readAllLines(GOLDEN.resolve("packets.csv")).stream().skip(1).toList()) {
            String file = line.split(",")[0];
            if (!file.endsWith("/" + FRAGMENTED)) {
                files.add(file);
            }
        }
        return files.stream();
    }

    /**
     * The fragmented DNS answer: 1 query packet (82 bytes) one way, and 2 fragments (1514 + 264
     * bytes on the wire) back. Derived with
     * {@code tshark -r dns_fragmented.pcap -o ip.defragment:FALSE -T fields -e frame.len -e ip.src -e ip.frag_offset}.
     */
    @org.junit.jupiter.api.Test
    void fragmentsCountInTheFlowOfTheirFirstFragment() throws IOException {
        Path capture = REPO.resolve("../shared/data/public/benign/ntop+nDPI/tests/cfgs/default/pcap/" + FRAGMENTED).normalize();
        assumeTrue(Files.exists(capture), "capture not present: " + capture);
        Map<String, long[]> actual = conversations(capture);
        assertThat(actual.get("udp 172.217.40.76 56680 193.24.227.238 53")).containsExactly(1, 82, 2, 1778);
    }

    @ParameterizedTest
    @MethodSource("captures")
    void flowsMatchTsharkConversations(String file) throws IOException {
        Path capture = REPO.resolve(file).normalize();
        assumeTrue(Files.exists(capture), "capture not present: " + capture);
        Map<String, long[]> expected = readGolden(GOLDEN.resolve(capture.getFileName() + ".conv.csv"));
        Map<String, long[]> actual = conversations(capture);
        assertThat(actual).as(file).containsOnlyKeys(expected.keySet());
        for (var e : expected.entrySet()) {
            assertThat(actual.get(e.getKey())).as("%s %s", file, e.getKey()).containsExactly(e.getValue());
        }
    }

    /** key "proto A portA B portB" with A/B in tshark's order; value packets/bytes A to B, B to A. */
    private static Map<String, long[]> readGolden(Path golden) throws IOException {
        Map<String, long[]> m = new TreeMap<>();
        List<String> lines = Files.readAllLines(golden);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            long[] v = {Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8])};
            m.put(canonical(f[0], f[1], f[2], f[3], f[4]), orient(f[1], f[2], f[3], f[4], v));
        }
        return m;
    }

    private static Map<String, long[]> conversations(Path capture) throws IOException {
        Map<String, long[]> m = new TreeMap<>();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(new DeepfenceFeatures()), flow -> add(m, flow));
        FlowPipeline pipeline = new FlowPipeline(new PacketDecoder(), meter);
        try (PacketSource source = Captures.open(capture.toString())) {
            pipeline.run(source, null);
        }
        meter.finish();
        return m;
    }

    private static void add(Map<String, long[]> m, Flow flow) {
        String proto = flow.protocol == DecodedPacket.TCP ? "tcp" : flow.protocol == DecodedPacket.UDP ? "udp" : null;
        if (proto == null) {
            return;
        }
        String src = IpAddresses.formatAddress(flow.ipVersion, flow.srcHi, flow.srcLo);
        String dst = IpAddresses.formatAddress(flow.ipVersion, flow.dstHi, flow.dstLo);
        var v = new DeepfenceFeatures().valuesByName(flow.features(0));
        long[] forward = {v.get("fwdFlowLength").longValue(), v.get("fwdPacketSizeTotal").longValue(),
            v.get("bwdFlowLength").longValue(), v.get("bwdPacketSizeTotal").longValue()};
        String sp = Integer.toString(flow.srcPort);
        String dp = Integer.toString(flow.dstPort);
        long[] oriented = orient(src, sp, dst, dp, forward);
        m.merge(canonical(proto, src, sp, dst, dp), oriented, (a, b) -> {
            for (int i = 0; i < 4; i++) {
                a[i] += b[i];
            }
            return a;
        });
    }

    /** The same key for both orders of the endpoints. */
    private static String canonical(String proto, String a, String pa, String b, String pb) {
        String x = a + " " + pa;
        String y = b + " " + pb;
        return proto + " " + (x.compareTo(y) <= 0 ? x + " " + y : y + " " + x);
    }

    /** Counts as seen from the lexically smaller endpoint. */
    private static long[] orient(String a, String pa, String b, String pb, long[] v) {
        String x = a + " " + pa;
        String y = b + " " + pb;
        return x.compareTo(y) <= 0 ? v.clone() : new long[] {v[2], v[3], v[0], v[1]};
    }
}
