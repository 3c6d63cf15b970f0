package org.flowmeter.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.flowmeter.flow.Flow;
import org.junit.jupiter.api.Test;

class FlowUidTest {

    @Test
    void sameInEveryRunDistinctPerFlowAndExactInJson() throws IOException {
        List<Long> first = CapturedFlows.of("http_small.pcap").stream().map(FlowUid::of).toList();
        List<Long> second = CapturedFlows.of("http_small.pcap").stream().map(FlowUid::of).toList();
        assertThat(first).isEqualTo(second).doesNotHaveDuplicates().hasSize(8); // tshark -z conv,tcp: 8 connections
        assertThat(first).allSatisfy(id -> assertThat(id).isBetween(0L, (1L << 53) - 1));
    }

    /**
     * The same flows read after another capture: the per-run counter changes, the uid does not.
     * A flow's uid depends on its tuple and first packet time only.
     */
    @Test
    void independentOfWhatWasReadBefore() throws IOException {
        List<Flow> alone = CapturedFlows.of("udp_ping.pcap");
        List<Flow> after = CapturedFlows.of("http_small.pcap", "udp_ping.pcap");
        List<Long> aloneIds = alone.stream().map(FlowUid::of).sorted().toList();
        List<Flow> tail = after.stream().filter(f -> f.inputIndex == 1).toList();
        assertThat(tail.stream().map(FlowUid::of).sorted().toList()).isEqualTo(aloneIds);
        assertThat(tail.get(0).id).isNotEqualTo(alone.get(0).id);
    }
}
