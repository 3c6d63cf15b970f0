package org.flowmeter.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.HostContextFeatures;
import org.junit.jupiter.api.Test;

/**
 * What a memory cap counts for the context set's windows is what they hold at their bound: a
 * window of flow starts filled to its capacity with every host, pair and service distinct, sized
 * by the same layout arithmetic as per-flow state ({@link ObjectSizes}).
 */
class ContextWindowBytesTest {

    @Test
    void theFlowStartWindowAtItsBoundTakesWhatTheBudgetCounts() {
        FeatureSet context = new HostContextFeatures().forNewMeter();
        long empty = ObjectSizes.deepSize(context);
        DecodedPacket p = new DecodedPacket();
        p.ipVersion = 4;
        p.protocol = DecodedPacket.TCP;
        p.tcpFlags = DecodedPacket.SYN;
        p.wireLength = 60;
        for (int i = 0; i < HostContextFeatures.MAX_RECENT_FLOWS; i++) {
            p.timestampNanos = 1_000_000_000L + i; // all within the window
            p.srcLo = 0x0A000000L + i;
            p.dstLo = 0xC0000000L + i;
            p.srcPort = 40000;
            p.dstPort = i & 0xFFFF;
            context.newFlow().onFirstPacket(p, true);
        }
        long startsWindow = ObjectSizes.deepSize(context) - empty;
        long counted = context.sharedStateBytes()
                - HostContextFeatures.MAX_RECENT_PAIRS * HostContextFeatures.BYTES_PER_RECENT_PAIR
                - HostContextFeatures.MAX_RECENT_SOURCES * HostContextFeatures.BYTES_PER_RECENT_SOURCE;
        // the empty window's first arrays (256 flows, 256-entry tables) are replaced as it grows
        assertThat(startsWindow).isLessThanOrEqualTo(counted).isGreaterThan(counted - 100_000);
        // about 300 bytes a flow start at worst, where each start used to hold objects of 448 bytes
        assertThat(counted / HostContextFeatures.MAX_RECENT_FLOWS).isBetween(250L, 320L);
    }
}
