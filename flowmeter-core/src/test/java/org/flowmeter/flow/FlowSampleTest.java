package org.flowmeter.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.IpAddresses;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.feature.Column;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.feature.FeatureVector;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A meter that keeps one part of the flows sees exactly what a capture of only those flows holds:
 * every feature, the host context included, equals a full reading of the capture that tcpdump
 * filtered down to those flows. The parts are disjoint and together hold every flow. (The captures
 * hold TCP, UDP and ICMP echo flows, with one flow per conversation.)
 */
class FlowSampleTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final int PARTS = 4;

    @Test
    void everyHashIsKeptByExactlyOnePart() {
        Random random = new Random(7);
        for (int n : new int[] {2, 3, 16}) {
            for (int i = 0; i < 10_000; i++) {
                int hash = random.nextInt();
                int keptBy = 0;
                for (int part = 0; part < n; part++) {
                    keptBy += new FlowSample(n, part).keeps(hash) ? 1 : 0;
                }
                assertThat(keptBy).as("hash %d, %d parts", hash, n).isEqualTo(1);
            }
        }
    }

    @Test
    void refusesPartsOutOfRange() {
        assertThatThrownBy(() -> new FlowSample(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FlowSample(4, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FlowSample(4, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixtures/captures/http_small.pcap", "fixtures/captures/bench_small.pcap"})
    void aSampledReadingEqualsAFullReadingOfTheCaptureFilteredToItsFlows(String file, @TempDir Path tmp)
            throws Exception {
        assumeTrue(tcpdump() != null, "tcpdump not installed");
        Path capture = REPO.resolve(file);
        List<FeatureSet> sets = FeatureSets.parse("all");
        Map<String, double[]> full = read(capture, sets, null);
        Set<String> union = new HashSet<>();
        for (int part = 0; part < PARTS; part++) {
            Map<String, double[]> sampled = read(capture, sets, new FlowSample(PARTS, part));
            Path filtered = tmp.resolve("part" + part + ".pcap");
            tcpdumpFilter(capture, filter(sampled.keySet()), filtered);
            Map<String, double[]> expected = read(filtered, sets, null);
            assertThat(sampled.keySet()).as("part %d", part).containsExactlyElementsOf(expected.keySet());
            for (String key : expected.keySet()) {
                assertThat(sampled.get(key)).as("part %d, flow %s", part, key).containsExactly(expected.get(key));
            }
            for (String key : sampled.keySet()) {
                assertThat(union.add(key)).as("flow %s in one part only", key).isTrue();
            }
        }
        assertThat(union).containsExactlyInAnyOrderElementsOf(full.keySet());
        assertThat(full).hasSizeGreaterThanOrEqualTo(PARTS);
    }

    /** Every feature of every set, per flow, keyed by protocol, endpoints and first packet time, in end order. */
    private static Map<String, double[]> read(Path capture, List<FeatureSet> sets, FlowSample sample)
            throws IOException {
        List<String> names = sets.stream().flatMap(s -> s.columns().stream()).map(Column::name).toList();
        FeatureVector vector = new FeatureVector(sets, names);
        Map<String, double[]> out = new LinkedHashMap<>();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), sets, flow -> {
            double[] v = new double[names.size()];
            vector.fill(flow, v);
            assertThat(out.put(key(flow), v)).as("one flow per key: %s", key(flow)).isNull();
        }, sample);
        try (PacketSource source = Captures.open(capture.toString())) {
            new FlowPipeline(new PacketDecoder(), meter).run(source, null);
        }
        meter.finish();
        return out;
    }

    private static String key(Flow f) {
        return protocol(f.protocol) + " " + IpAddresses.formatAddress(f.ipVersion, f.srcHi, f.srcLo) + " " + f.srcPort
                + " " + IpAddresses.formatAddress(f.ipVersion, f.dstHi, f.dstLo) + " " + f.dstPort + " " + f.firstNanos();
    }

    private static String protocol(int p) {
        return switch (p) {
            case DecodedPacket.TCP -> "tcp";
            case DecodedPacket.UDP -> "udp";
            case DecodedPacket.ICMP -> "icmp";
            default -> throw new AssertionError("the chosen captures hold TCP, UDP and ICMP only, found protocol " + p);
        };
    }

    /** A BPF expression matching the packets of these flows (both directions). */
    private static String filter(Set<String> keys) {
        List<String> clauses = new ArrayList<>();
        for (String key : keys) {
            String[] k = key.split(" ");
            // An ICMP echo flow's source port is the echo identifier.
            String ports = k[0].equals("icmp") ? "icmp[4:2] = " + k[2] : "port " + k[2] + " and port " + k[4];
            clauses.add("(" + k[0] + " and host " + k[1] + " and host " + k[3] + " and " + ports + ")");
        }
        return clauses.isEmpty() ? "less 0" : String.join(" or ", clauses);
    }

    private static void tcpdumpFilter(Path in, String expression, Path out) throws Exception {
        Process p = new ProcessBuilder(tcpdump(), "-r", in.toString(), "-w", out.toString(), expression)
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("tcpdump: %s", log).isZero();
    }

    private static String tcpdump() {
        for (String dir : new String[] {"/usr/bin/", "/usr/sbin/"}) {
            if (Files.isExecutable(Path.of(dir + "tcpdump"))) {
                return dir + "tcpdump";
            }
        }
        return null;
    }
}
