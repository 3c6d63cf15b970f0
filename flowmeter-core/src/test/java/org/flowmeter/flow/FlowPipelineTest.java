package org.flowmeter.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.feature.DeepfenceFeatures;
import org.flowmeter.pcap.CaptureFormatException;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading on a second thread must give exactly what one thread gives. */
class FlowPipelineTest {
    private static final Path FIXTURES = Path.of("").toAbsolutePath().getParent().resolve("fixtures/captures");

    @TempDir
    Path dir;

    private static List<String> flows(Path capture, boolean parallel) throws IOException {
        List<String> rows = new ArrayList<>();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(new DeepfenceFeatures()), f -> {
            double[] v = new double[39];
            f.features(0).values(v, 0);
            rows.add(f.id + " " + f.srcPort + " " + f.dstPort + " " + f.endReason() + " " + Arrays.toString(v));
        });
        FlowPipeline pipeline = new FlowPipeline(new PacketDecoder(), meter);
        pipeline.setParallel(parallel);
        try (PacketSource source = Captures.open(capture.toString())) {
            pipeline.run(source, null);
        } finally {
            meter.finish();
        }
        return rows;
    }

    @ParameterizedTest
    @ValueSource(strings = {"bench_small.pcap", "http_small.pcapng", "two_iface.pcapng", "udp_ping.pcap"})
    void twoThreadsGiveTheSameFlowsAsOne(String file) throws IOException {
        List<String> single = flows(FIXTURES.resolve(file), false);
        assertThat(single).isNotEmpty();
        assertThat(flows(FIXTURES.resolve(file), true)).isEqualTo(single);
    }

    @Test
    void aDamagedFileFailsAfterTheFlowsBeforeTheDamage() throws IOException {
        byte[] whole = Files.readAllBytes(FIXTURES.resolve("bench_small.pcap"));
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2 + 3));
        assertThatThrownBy(() -> flows(cut, true)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("cut.pcap: at byte");
    }
}
