package org.flowmeter.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.IpAddresses;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.feature.HostContextFeatures;
import org.flowmeter.flow.ContextCounts;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.flow.FlowPipeline;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The host-context start counts (the first six) of every flow equal counts made by brute force over tshark's list of
 * conversations ({@code fixtures/golden/*.conv.csv}: rows in order of first packet, A = the
 * sender of that packet). The chosen captures hold TCP/UDP only, last less than the 60 s window
 * and have one flow per conversation, so each flow's window is every conversation up to its own;
 * the test checks those three conditions on our side too.
 */
class HostContextGoldenTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path GOLDEN = REPO.resolve("fixtures/golden");

    /** One conversation of the golden list. */
    private record Conversation(String proto, String a, String portA, String b, String portB) {
        String key() {
            return proto + " " + a + " " + portA + " " + b + " " + portB;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "fixtures/captures/http_small.pcap",
            "fixtures/captures/two_iface.pcapng",
            "fixtures/captures/sll_any.pcap",
            "../shared/data/traffic-lab/ab_php.pcap",
            "../shared/data/traffic-lab/nmap_syn_scan.pcap",
            "../shared/data/traffic-lab/ssh_interactive.pcap",
            "../shared/data/public/benign/ntop+nDPI/tests/cfgs/default/pcap/http_ipv6.pcap"})
    void countsEqualBruteForceOverTsharkConversations(String file) throws IOException {
        Path capture = REPO.resolve(file).normalize();
        assumeTrue(Files.exists(capture), "capture not present: " + capture);
        List<Conversation> conversations = readGolden(GOLDEN.resolve(capture.getFileName() + ".conv.csv"));
        Map<String, int[]> expected = bruteForce(conversations);

        Map<String, int[]> actual = new LinkedHashMap<>();
        long[] starts = {Long.MAX_VALUE, Long.MIN_VALUE};
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(new HostContextFeatures()), flow -> {
            assertThat(flow.protocol).as("only TCP and UDP in %s", file).isIn(DecodedPacket.TCP, DecodedPacket.UDP);
            int[] counts = ContextCounts.of(flow);
            assertThat(actual.put(key(flow), counts)).as("one flow per conversation: %s", key(flow)).isNull();
            starts[0] = Math.min(starts[0], flow.firstNanos());
            starts[1] = Math.max(starts[1], flow.firstNanos());
        });
        FlowPipeline pipeline = new FlowPipeline(new PacketDecoder(), meter);
        try (PacketSource source = Captures.open(capture.toString())) {
            pipeline.run(source, null);
        }
        meter.finish();

        assertThat(starts[1] - starts[0]).as("flow starts span less than the window").isLessThan(HostContextFeatures.WINDOW.toNanos());
        assertThat(actual).containsOnlyKeys(expected.keySet());
        for (var e : expected.entrySet()) {
            assertThat(actual.get(e.getKey())).as("%s %s", file, e.getKey()).containsExactly(e.getValue());
        }
    }

    /** For conversation i, the six counts over conversations 0..i, straight from their definitions. */
    private static Map<String, int[]> bruteForce(List<Conversation> all) {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Conversation c = all.get(i);
            int pair = 0;
            int fromSource = 0;
            int toDestination = 0;
            Set<String> sourceHosts = new HashSet<>();
            Set<String> sourceServices = new HashSet<>();
            Set<String> destinationSources = new HashSet<>();
            for (Conversation d : all.subList(0, i + 1)) {
                if (d.a().equals(c.a())) {
                    fromSource++;
                    sourceHosts.add(d.b());
                    sourceServices.add(d.proto() + "/" + d.portB());
                    if (d.b().equals(c.b())) {
                        pair++;
                    }
                }
                if (d.b().equals(c.b())) {
                    toDestination++;
                    destinationSources.add(d.a());
                }
            }
            out.put(c.key(), new int[] {pair, fromSource, sourceHosts.size(), sourceServices.size(),
                    toDestination, destinationSources.size()});
        }
        return out;
    }

    private static List<Conversation> readGolden(Path golden) throws IOException {
        List<Conversation> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(golden);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            out.add(new Conversation(f[0], f[1], f[2], f[3], f[4]));
        }
        return out;
    }

    private static String key(Flow flow) {
        String proto = flow.protocol == DecodedPacket.TCP ? "tcp" : "udp";
        return proto + " " + IpAddresses.formatAddress(flow.ipVersion, flow.srcHi, flow.srcLo) + " " + flow.srcPort
                + " " + IpAddresses.formatAddress(flow.ipVersion, flow.dstHi, flow.dstLo) + " " + flow.dstPort;
    }

}
