package org.flowmeter.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.IpAddresses;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.feature.LoadFeatures;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.flow.FlowPipeline;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The load columns of every flow equal counts made by brute force over tshark's conversation
 * list ({@code fixtures/golden/*.conv.csv}: A = the sender of the first packet, answered = a
 * packet from B to A). The captures hold TCP/UDP only, one flow per conversation, and last less
 * than the 60 s window, so the flows held when a flow is reported are those reported before it
 * and itself: the report order is taken from the meter, every count from tshark's rows. The
 * failed shares need resets, which the list does not give; they are tested by hand.
 */
class LoadGoldenTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path GOLDEN = REPO.resolve("fixtures/golden");

    private record Conversation(String proto, String a, String portA, String b, String portB, boolean answered) {
        String key() {
            return proto + " " + a + " " + portA + " " + b + " " + portB;
        }

        String endpoint() {
            return b + " " + proto + " " + portB;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "fixtures/captures/http_small.pcap",
            "fixtures/captures/sll_any.pcap",
            "../shared/data/traffic-lab/dns_lookups.pcap",
            "../shared/data/traffic-lab/ab_php.pcap",
            "../shared/data/traffic-lab/nmap_syn_scan.pcap",
            "../shared/data/traffic-lab/hping3_syn_flood.pcap",
            "../shared/data/traffic-lab/slowloris.pcap"})
    void loadColumnsEqualBruteForceOverTsharkConversations(String file) throws IOException {
        Path capture = REPO.resolve(file).normalize();
        // a skip fails in CI (NoSkipInCi)
        assumeTrue(Files.exists(capture), "capture not present: " + capture);
        Map<String, Conversation> byKey = new HashMap<>();
        List<String> lines = Files.readAllLines(GOLDEN.resolve(capture.getFileName() + ".conv.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            Conversation c = new Conversation(f[0], f[1], f[2], f[3], f[4], Long.parseLong(f[7]) > 0);
            assertThat(byKey.put(c.key(), c)).as("one conversation per key").isNull();
        }

        LoadFeatures set = new LoadFeatures();
        List<String> names = set.columns().stream().map(c -> c.name()).toList();
        List<Conversation> reported = new ArrayList<>();
        Map<String, double[]> actual = new LinkedHashMap<>();
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(set), flow -> {
            assertThat(flow.protocol).isIn(DecodedPacket.TCP, DecodedPacket.UDP);
            Conversation c = byKey.get(key(flow));
            assertThat(c).as("flow %s in tshark's list", key(flow)).isNotNull();
            reported.add(c);
            double[] v = new double[names.size()];
            flow.features(0).values(v, 0);
            assertThat(actual.put(c.key(), v)).as("one flow per conversation").isNull();
            span[0] = Math.min(span[0], flow.firstNanos());
            span[1] = Math.max(span[1], flow.lastNanos());
        });
        try (PacketSource source = Captures.open(capture.toString())) {
            new FlowPipeline(new PacketDecoder(), meter).run(source, null);
        }
        meter.finish();
        assertThat(span[1] - span[0]).isLessThan(LoadFeatures.WINDOW.toNanos());
        assertThat(actual).containsOnlyKeys(byKey.keySet());

        // every flow, or on a flood 400 evenly spaced and the last (the brute force is quadratic)
        int step = Math.max(1, reported.size() / 400);
        for (int i = reported.size() - 1; i >= 0; i -= step) {
            Conversation c = reported.get(i);
            Map<String, Double> expected = bruteForce(c, reported.subList(0, i + 1));
            double[] v = actual.get(c.key());
            for (var e : expected.entrySet()) {
                assertThat(v[names.indexOf(e.getKey())]).as("%s %s %s", file, c.key(), e.getKey())
                        .isCloseTo(e.getValue(), org.assertj.core.api.Assertions.within(1e-9));
            }
        }
    }

    /** The columns of {@code c} over the conversations {@code held}, straight from their definitions. */
    private static Map<String, Double> bruteForce(Conversation c, List<Conversation> held) {
        Map<String, Double> out = new LinkedHashMap<>();
        double window = LoadFeatures.WINDOW.toSeconds();
        List<Conversation> src = select(held, d -> d.a().equals(c.a()));
        out.put("ldSrcFlows", (double) src.size());
        out.put("ldSrcFlowsPerSecond", src.size() / window);
        out.put("ldSrcUnansweredShare", unansweredShare(src));
        out.put("ldSrcHosts", (double) distinct(src, Conversation::b, d -> true));
        out.put("ldSrcEndpoints", (double) distinct(src, Conversation::endpoint, d -> true));
        out.put("ldSrcAnsweredEndpoints", (double) distinct(src, Conversation::endpoint, Conversation::answered));
        List<Conversation> pair = select(src, d -> d.b().equals(c.b()));
        out.put("ldPairFlows", (double) pair.size());
        out.put("ldPairUnansweredShare", unansweredShare(pair));
        List<Conversation> dst = select(held, d -> d.b().equals(c.b()));
        int dstSources = distinct(dst, Conversation::a, d -> true);
        int dstAnswered = distinct(dst, Conversation::a, Conversation::answered);
        out.put("ldDstFlows", (double) dst.size());
        out.put("ldDstFlowsPerSecond", dst.size() / window);
        out.put("ldDstUnansweredShare", unansweredShare(dst));
        out.put("ldDstSources", (double) dstSources);
        out.put("ldDstAnsweredSources", (double) dstAnswered);
        out.put("ldDstUnansweredSources", (double) (dstSources - dstAnswered));
        List<Conversation> svc = select(dst, d -> d.proto().equals(c.proto()) && d.portB().equals(c.portB()));
        int svcSources = distinct(svc, Conversation::a, d -> true);
        int svcAnswered = distinct(svc, Conversation::a, Conversation::answered);
        out.put("ldSvcFlows", (double) svc.size());
        out.put("ldSvcFlowsPerSecond", svc.size() / window);
        out.put("ldSvcUnansweredShare", unansweredShare(svc));
        out.put("ldSvcSources", (double) svcSources);
        out.put("ldSvcAnsweredSources", (double) svcAnswered);
        out.put("ldSvcUnansweredSources", (double) (svcSources - svcAnswered));
        out.put("ldSrcUnansweredFlows", (double) unanswered(src));
        out.put("ldPairUnansweredFlows", (double) unanswered(pair));
        out.put("ldDstUnansweredFlows", (double) unanswered(dst));
        out.put("ldSvcUnansweredFlows", (double) unanswered(svc));
        return out;
    }

    private static List<Conversation> select(List<Conversation> all, Predicate<Conversation> p) {
        return all.stream().filter(p).toList();
    }

    private static long unanswered(List<Conversation> flows) {
        return flows.stream().filter(d -> !d.answered()).count();
    }

    private static double unansweredShare(List<Conversation> flows) {
        return flows.stream().filter(d -> !d.answered()).count() / (double) flows.size();
    }

    private static int distinct(List<Conversation> flows, java.util.function.Function<Conversation, String> what,
                                Predicate<Conversation> which) {
        Set<String> s = new HashSet<>();
        flows.stream().filter(which).forEach(d -> s.add(what.apply(d)));
        return s.size();
    }

    private static String key(Flow flow) {
        String proto = flow.protocol == DecodedPacket.TCP ? "tcp" : "udp";
        return proto + " " + IpAddresses.formatAddress(flow.ipVersion, flow.srcHi, flow.srcLo) + " " + flow.srcPort
                + " " + IpAddresses.formatAddress(flow.ipVersion, flow.dstHi, flow.dstLo) + " " + flow.dstPort;
    }
}
