package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.junit.jupiter.api.Test;

class NeededFeatureSetsTest {

    private static List<String> names(List<FeatureSet> sets) {
        return sets.stream().map(FeatureSet::name).toList();
    }

    @Test
    void keepsOnlyTheSetsThatComputeAReadColumnInTheirOrder() {
        List<FeatureSet> all = FeatureSets.parse("deepfence,cic,context,exchange,rtt,load");
        assertThat(names(FeatureSets.needed(all, List.of("xchFwdMessages", "flowDuration"))))
                .containsExactly("deepfence", "exchange");
        assertThat(names(FeatureSets.needed(all, List.of("Flow Duration", "ldSrcFlows", "ctxDstSources"))))
                .containsExactly("cic", "context", "load");
        assertThat(FeatureSets.needed(all, List.of("noSuchColumn"))).isEmpty();
    }

    @Test
    void aSetWithNoReadColumnIsNotRunByTheMeter() {
        List<FeatureSet> needed = FeatureSets.needed(FeatureSets.parse("deepfence,cic,exchange"), List.of("xchBwdMessages"));
        List<Flow> ended = new ArrayList<>();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), needed, ended::add);
        DecodedPacket p = new DecodedPacket();
        p.ipVersion = 4;
        p.srcLo = 0x0a000001L;
        p.dstLo = 0x0a000002L;
        p.protocol = DecodedPacket.UDP;
        p.srcPort = 5000;
        p.dstPort = 53;
        p.wireLength = 80;
        p.payloadLength = 38;
        meter.add(p);
        meter.finish();
        assertThat(ended).hasSize(1);
        FlowFeatures only = ended.get(0).features(0);
        assertThat(only).isInstanceOf(ExchangeState.class);
        assertThat(needed).hasSize(1);
        assertThatThrownBy(() -> ended.get(0).features(1)).as("the flow carries no other set's state")
                .isInstanceOf(ArrayIndexOutOfBoundsException.class);
        assertThat(new ExchangeFeatures().valuesByName(only).get("xchFwdMessages")).isEqualTo(1);
    }
}
