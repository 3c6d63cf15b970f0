package org.flowmeter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.flowmeter.feature.DeepfenceFeatures;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.api.Test;

/** The benchmarked loops do the real work: bench_small.pcap has 179 flows (fixtures/captures/README.md). */
class PacketLoopsTest {

    @Test
    void decodesAndMetersTheSmallCapture() throws IOException {
        RawPacket[] packets = PacketCorpus.load(CaptureFiles.resolve("fixtures/captures/bench_small.pcap"), 2500);

        long decoded = PacketLoops.decodeAll(packets);

        assertThat(decoded).isGreaterThan(2400).isLessThanOrEqualTo(2500);
        assertThat(PacketLoops.meterAll(packets, List.of())).isEqualTo(179);
        assertThat(PacketLoops.meterAll(packets, List.of(new DeepfenceFeatures()))).isEqualTo(179);
    }
}
