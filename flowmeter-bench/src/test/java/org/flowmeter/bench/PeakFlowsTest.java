package org.flowmeter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class PeakFlowsTest {

    @Test
    void allFlowsOfTheOneSecondCaptureAreOpenAtItsEnd() throws IOException {
        String line = PeakFlows.measure(CaptureFiles.resolve("fixtures/captures/bench_small.pcap"));

        assertThat(line).contains("packets=2500 flows=179 peak_open_flows=179 ");
    }
}
