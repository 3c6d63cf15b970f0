package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.flow.FlowPipeline;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.junit.jupiter.api.Test;

/** Request and response messages of a flow; every expected value counted by hand or read off tcpdump. */
class ExchangeFeaturesTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final ExchangeFeatures SET = new ExchangeFeatures();

    /** Feeds (forward?, payload length) pairs to one flow's state and reads its columns by name. */
    private static Map<String, Double> messages(Object... directionAndPayload) {
        FlowFeatures state = SET.newFlow();
        DecodedPacket p = new DecodedPacket();
        for (int i = 0; i < directionAndPayload.length; i += 2) {
            p.payloadLength = (Integer) directionAndPayload[i + 1];
            boolean forward = (Boolean) directionAndPayload[i];
            if (i == 0) {
                state.onFirstPacket(p, forward);
            } else {
                state.onPacket(p, forward);
            }
        }
        return CicFlows.byName(SET, state);
    }

    @Test
    void aMessageIsARunOfPayloadInOneDirectionThatBareAcksDoNotBreak() {
        // SYN, SYN-ACK, ACK; request 100; ACK; response 500 + 300 with an ACK between;
        // request 120 + 30; response 200; FIN exchange
        var v = messages(true, 0, false, 0, true, 0, true, 100, false, 0, false, 500, true, 0, false, 300,
                true, 120, true, 30, false, 200, true, 0, false, 0);
        // forward messages 100 and 150, backward 800 and 200
        assertThat(v.get("xchFwdMessages")).isEqualTo(2);
        assertThat(v.get("xchBwdMessages")).isEqualTo(2);
        assertThat(v.get("xchFwdMessageBytesMean")).isEqualTo(125);
        assertThat(v.get("xchFwdMessageBytesStd")).isEqualTo(25);
        assertThat(v.get("xchFwdMessageBytesMax")).isEqualTo(150);
        assertThat(v.get("xchBwdMessageBytesMean")).isEqualTo(500);
        assertThat(v.get("xchBwdMessageBytesStd")).isEqualTo(300);
        assertThat(v.get("xchBwdMessageBytesMax")).isEqualTo(800);
        assertThat(v.get("xchFwdRepeatShare")).as("150 after 100").isZero();
        assertThat(v.get("xchBwdRepeatShare")).as("200 after 800").isZero();
    }

    @Test
    void aRepeatIsAMessageOfTheSizeOfTheOneBeforeItInItsDirection() {
        // requests 50, 50, 60, 60, 50 (the last still open); answers 300 each, a load test's or a refusal's
        var v = messages(true, 50, false, 300, true, 50, false, 300, true, 30, true, 30, false, 300,
                true, 60, false, 300, true, 50);
        assertThat(v.get("xchFwdMessages")).isEqualTo(5);
        // 50 -> 50 repeats, 50 -> 60 does not, 60 -> 60 repeats, 60 -> 50 does not: 2 of the 4 after the first
        assertThat(v.get("xchFwdRepeatShare")).isEqualTo(0.5);
        assertThat(v.get("xchBwdMessages")).isEqualTo(4);
        assertThat(v.get("xchBwdRepeatShare")).isEqualTo(1.0);
        // one message of each kind: nothing to repeat
        var single = messages(true, 10, false, 20);
        assertThat(single.get("xchFwdRepeatShare")).isZero();
        assertThat(single.get("xchBwdRepeatShare")).isZero();
    }

    @Test
    void theRunStillOpenAtTheEndCountsAndReadingItChangesNothing() {
        FlowFeatures state = SET.newFlow();
        DecodedPacket p = new DecodedPacket();
        p.payloadLength = 40;
        state.onFirstPacket(p, true);
        p.payloadLength = 60;
        state.onPacket(p, true);
        var first = CicFlows.byName(SET, state);
        assertThat(first.get("xchFwdMessages")).isEqualTo(1);
        assertThat(first.get("xchFwdMessageBytesMean")).isEqualTo(100);
        assertThat(first.get("xchBwdMessages")).isZero();
        // reading the open run must not close it: more forward payload still joins it
        p.payloadLength = 10;
        state.onPacket(p, true);
        var second = CicFlows.byName(SET, state);
        assertThat(second.get("xchFwdMessages")).isEqualTo(1);
        assertThat(second.get("xchFwdMessageBytesMax")).isEqualTo(110);
    }

    @Test
    void aFlowWithoutPayloadHasNoMessages() {
        var v = messages(true, 0, false, 0);
        assertThat(v.values()).allMatch(x -> x == 0);
    }

    @Test
    void keepAliveRequestsOnTheFixtureMatchTcpdump() throws IOException {
        // tcpdump -nn -r fixtures/captures/http_keepalive.pcap: one connection, three GETs of 84, 91 and 84
        // payload bytes, answered by 32,638, 71,584 and 44,265 bytes (sums of the "length" of each run of
        // server segments); records are cut to 96 bytes, so the sizes come from the IP length fields
        List<Flow> flows = new ArrayList<>();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(SET), flows::add);
        try (PacketSource source = Captures.open(REPO.resolve("fixtures/captures/http_keepalive.pcap").toString())) {
            new FlowPipeline(new PacketDecoder(), meter).run(source, null);
        }
        meter.finish();
        assertThat(flows).hasSize(1);
        var v = CicFlows.byName(SET, flows.get(0).features(0));
        assertThat(v.get("xchFwdMessages")).isEqualTo(3);
        assertThat(v.get("xchBwdMessages")).isEqualTo(3);
        assertThat(v.get("xchFwdMessageBytesMean")).isCloseTo((84 + 91 + 84) / 3.0, within(1e-9));
        assertThat(v.get("xchFwdMessageBytesStd")).isCloseTo(Math.sqrt((2 * 49.0 / 9 + 196.0 / 9) / 3), within(1e-9));
        assertThat(v.get("xchFwdMessageBytesMax")).isEqualTo(91);
        assertThat(v.get("xchBwdMessageBytesMean")).isCloseTo((32_638 + 71_584 + 44_265) / 3.0, within(1e-9));
        assertThat(v.get("xchBwdMessageBytesMax")).isEqualTo(71_584);
        assertThat(v.get("xchFwdRepeatShare")).as("84, 91, 84: no size follows itself").isZero();
        assertThat(v.get("xchBwdRepeatShare")).isZero();
    }
}
