package org.flowmeter.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FlowFeatures;
import org.flowmeter.feature.HostContextFeatures;
import org.junit.jupiter.api.Test;

/**
 * What a memory cap counts for the context set's windows is what they hold at their bounds: the
 * window of ended flows per source filled with {@code MAX_RECENT_SOURCES} sources of 16 failed and
 * 16 answered endpoints each (which fills the window of ended flows per host pair with
 * {@code MAX_RECENT_PAIRS} pairs of 16 flows), then the window of flow starts with
 * {@code MAX_RECENT_FLOWS} starts of distinct hosts, pairs and services, sized by the layout
 * arithmetic of per-flow state ({@link ObjectSizes}).
 */
class ContextWindowBytesTest {
    private static final long SECOND = 1_000_000_000L;
    private final DecodedPacket p = new DecodedPacket();

    @Test
    void theWindowsAtTheirBoundsTakeWhatTheBudgetCounts() {
        FeatureSet context = new HostContextFeatures().forNewMeter();
        long empty = ObjectSizes.deepSize(context);
        // each source: 16 flows to one host, answered, and 16 to another, failed, each to another
        // port: 32 endpoints per source, 2 pairs per source with 16 ended flows each
        for (int source = 0; source < HostContextFeatures.MAX_RECENT_SOURCES; source++) {
            for (int endpoint = 0; endpoint < 32; endpoint++) {
                long dst = 0xC0000000L + 2L * source + endpoint / 16;
                FlowFeatures flow = start(context, 0x0A000000L + source, dst, 1000 + endpoint % 16);
                if (endpoint < 16) { // answered
                    packet(dst, 0x0A000000L + source, 1000 + endpoint % 16);
                    flow.onPacket(p, false);
                }
                flow.onExpire(SECOND);
            }
        }
        for (int i = 0; i < HostContextFeatures.MAX_RECENT_FLOWS; i++) {
            start(context, 0x0B000000L + i, 0xC1000000L + i, i & 0xFFFF);
        }
        long held = ObjectSizes.deepSize(context) - empty;
        long counted = context.sharedStateBytes();
        // the empty windows' first arrays (256 flows, 256 entries) were replaced as they grew
        assertThat(held).isLessThanOrEqualTo(counted).isGreaterThan(counted - 200_000);
        // about 300 bytes a flow start, 550 a pair and 1,400 a source at worst, where objects took 448, 856 and 3,848
        assertThat(counted).isBetween(38_000_000L, 42_000_000L);
    }

    private FlowFeatures start(FeatureSet context, long src, long dst, int port) {
        packet(src, dst, port);
        FlowFeatures flow = context.newFlow();
        flow.onFirstPacket(p, true);
        return flow;
    }

    private void packet(long src, long dst, int port) {
        p.timestampNanos = SECOND;
        p.ipVersion = 4;
        p.protocol = DecodedPacket.UDP;
        p.srcLo = src;
        p.dstLo = dst;
        p.srcPort = 40000;
        p.dstPort = port;
        p.wireLength = 60;
    }
}
