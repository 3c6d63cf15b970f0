package org.flowmeter.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.IpAddresses;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.feature.RoundTripFeatures;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.flow.FlowPipeline;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The handshake round trip of every TCP connection equals tshark's {@code tcp.analysis.initial_rtt}
 * (SYN to the initiator's ACK, or to the reset that refused it), listed per connection in
 * {@code fixtures/golden/*.rtt.csv} by {@code make-rtt-golden.sh}. The captures have microsecond
 * timestamps, so the values agree exactly.
 */
class RoundTripGoldenTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path GOLDEN = REPO.resolve("fixtures/golden");

    @ParameterizedTest
    @ValueSource(strings = {
            "fixtures/captures/http_small.pcap",
            "fixtures/captures/refused.pcap",
            "fixtures/captures/http_keepalive.pcap",
            "../shared/data/traffic-lab/ssh_interactive.pcap",
            "../shared/data/traffic-lab/ab_php.pcap",
            "../shared/data/traffic-lab/nmap_syn_scan.pcap"})
    void handshakeRoundTripEqualsTsharksInitialRtt(String file) throws IOException {
        Path capture = REPO.resolve(file).normalize();
        // a skip fails in CI (NoSkipInCi)
        assumeTrue(Files.exists(capture), "capture not present: " + capture);
        Map<String, Long> expected = new HashMap<>();
        List<String> lines = Files.readAllLines(GOLDEN.resolve(capture.getFileName() + ".rtt.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            expected.put(f[0] + " " + f[1] + " " + f[2] + " " + f[3], Long.parseLong(f[4]));
        }
        assertThat(expected).isNotEmpty();

        RoundTripFeatures set = new RoundTripFeatures();
        int rttColumn = set.columns().stream().map(c -> c.name()).toList().indexOf("rttMicros");
        Map<String, Double> actual = new HashMap<>();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(set), flow -> {
            if (flow.protocol == DecodedPacket.TCP) {
                double[] v = new double[set.columns().size()];
                flow.features(0).values(v, 0);
                actual.putIfAbsent(key(flow), v[rttColumn]);
            }
        });
        FlowPipeline pipeline = new FlowPipeline(new PacketDecoder(), meter);
        try (PacketSource source = Captures.open(capture.toString())) {
            pipeline.run(source, null);
        }
        meter.finish();

        for (var e : expected.entrySet()) {
            assertThat(actual.get(e.getKey())).as("%s %s", file, e.getKey()).isEqualTo((double) e.getValue());
        }
    }

    private static String key(Flow flow) {
        return IpAddresses.formatAddress(flow.ipVersion, flow.srcHi, flow.srcLo) + " " + flow.srcPort
                + " " + IpAddresses.formatAddress(flow.ipVersion, flow.dstHi, flow.dstLo) + " " + flow.dstPort;
    }
}
