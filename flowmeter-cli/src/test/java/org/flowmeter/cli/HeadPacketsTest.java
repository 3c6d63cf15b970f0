package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.feature.DeepfenceFeatures;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowListener;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kept first packets of live flows, replayed on http_small.pcap (8 flows, 98 packets). */
class HeadPacketsTest {
    @TempDir
    Path dir;

    /** Holds the first three packets of every flow, as live mode does before an early verdict at 3. */
    private static List<Flow> holdFirstThree(HeadPackets heads) throws IOException {
        List<Flow> flows = new ArrayList<>();
        Flow[] current = new Flow[1];
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(new DeepfenceFeatures()), new FlowListener() {
            @Override
            public void onPacket(Flow flow, DecodedPacket packet, boolean forward) {
                current[0] = flow;
            }

            @Override
            public void onFlowEnd(Flow flow) {
                flows.add(flow);
            }
        });
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket decoded = new DecodedPacket();
        RawPacket raw = new RawPacket();
        try (PacketSource source = Captures.open(CliRun.fixture("http_small.pcap"))) {
            while (source.next(raw)) {
                if (decoder.decode(raw, decoded) == null) {
                    meter.add(decoded);
                    if (current[0].packets() <= 3) {
                        heads.hold(current[0], raw);
                    }
                }
            }
        }
        meter.finish();
        return flows;
    }

    @Test
    void forwardsTheKeptPacketsOfAFlowInOrderAndForgetsTheOthers() throws IOException {
        HeadPackets heads = new HeadPackets(1 << 20);
        List<Flow> flows = holdFirstThree(heads);
        assertThat(flows).hasSize(8);
        ForwardFiles out = new ForwardFiles(dir.resolve("fwd"), 1 << 20);
        heads.forward(flows.get(0), out);
        heads.forward(flows.get(0), out); // nothing left to send twice
        for (Flow f : flows.subList(1, flows.size())) {
            heads.forget(f);
        }
        out.close();
        assertThat(heads.bytesHeld()).isZero();
        assertThat(out.packets()).isEqualTo(3);

        // the forwarded file holds the flow's handshake: SYN, SYN-ACK, ACK (tshark on http_small.pcap)
        List<Integer> flags = new ArrayList<>();
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket p = new DecodedPacket();
        RawPacket raw = new RawPacket();
        try (PacketSource source = Captures.open(out.files().get(0).toString())) {
            while (source.next(raw)) {
                assertThat(decoder.decode(raw, p)).isNull();
                flags.add(p.tcpFlags);
                assertThat(p.srcPort == 57882 || p.dstPort == 57882).isTrue();
            }
        }
        assertThat(flags).containsExactly(DecodedPacket.SYN, DecodedPacket.SYN | DecodedPacket.ACK, DecodedPacket.ACK);
    }

    @Test
    void keepsNoMoreThanItsLimit() throws IOException {
        HeadPackets heads = new HeadPackets(200);
        holdFirstThree(heads);
        // handshake packets on loopback are 74, 74 and 66 bytes: two fit in 200 bytes, 22 of 24 are refused
        assertThat(heads.bytesHeld()).isEqualTo(148);
        assertThat(heads.packetsNotKept()).isEqualTo(22);
    }
}
