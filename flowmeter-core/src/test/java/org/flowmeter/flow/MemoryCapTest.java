package org.flowmeter.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowmeter.decode.DecodedPacket.FIN;
import static org.flowmeter.decode.DecodedPacket.ACK;
import static org.flowmeter.flow.Packets.ipv4;
import static org.flowmeter.flow.Packets.tcp;
import static org.flowmeter.flow.Packets.udp;

import java.util.List;
import org.flowmeter.feature.DeepfenceFeatures;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureSets;
import org.junit.jupiter.api.Test;

/** At the memory cap the least recently seen flow is ended and handed over, counted by reason. */
class MemoryCapTest {
    private static final List<FeatureSet> SETS = List.of(new DeepfenceFeatures());
    private final RecordingListener out = new RecordingListener();

    /** A cap that leaves room for exactly {@code flows} flows in the table (and a quarter as many waiting). */
    private static long capFor(int flows) {
        return MemoryBudget.sharedBytes(SETS) + MemoryBudget.bytesPerFlow(SETS) * flows / 3 * 4;
    }

    @Test
    void theCapIsSharedOutBetweenTheTableAndTheFlowsWaiting() {
        MemoryBudget b = MemoryBudget.of(capFor(3), SETS);
        assertThat(b.openFlows()).isEqualTo(3);
        assertThat(b.waitingFlows()).isEqualTo(1);
        assertThat(b.capBytes() - b.sharedBytes()).isEqualTo(4 * b.bytesPerFlow());
    }

    @Test
    void aWaitingFlowThatDroppedItsFeaturesIsCountedAtTheSizeItKeeps() {
        List<FeatureSet> six = FeatureSets.parse("deepfence,cic,context,exchange,rtt,load");
        // By a heap histogram of classify: Flow 176 bytes, the classifier's slot holder 24 and
        // verdict 48; its array of six references is one shared by every released flow.
        assertThat(MemoryBudget.bytesPerReleasedFlow(six)).isEqualTo(176 + 24 + 48);
        // Without the load set, whose window is bounded lower under a small cap (LoadWindowCapTest).
        List<FeatureSet> five = FeatureSets.parse("deepfence,cic,context,exchange,rtt");
        assertThat(MemoryBudget.bytesPerReleasedFlow(five)).isEqualTo(248);
        long forWaiting = 248L * 1000;
        MemoryBudget b = MemoryBudget.of(MemoryBudget.sharedBytes(five) + 4 * forWaiting, five);
        assertThat(b.waitingFlows()).isEqualTo((int) (forWaiting / b.bytesPerFlow()));
        assertThat(b.waitingFlowsWithoutFeatureState()).isEqualTo(1000);
        assertThat(b.openFlows()).isEqualTo((int) (3 * forWaiting / b.bytesPerFlow()));
        MemoryBudget large = MemoryBudget.of(1L << 32, six);
        assertThat(large.waitingFlowsWithoutFeatureState()).isEqualTo(StartOrder.DEFAULT_MAX_WAITING);
    }

    @Test
    void theDetectorsHoldAndTheStartOrderShareTheQuarterForEndedFlows() {
        List<FeatureSet> five = FeatureSets.parse("deepfence,cic,context,exchange,rtt");
        long forEnded = 248L * 10_000;
        MemoryBudget b = MemoryBudget.of(MemoryBudget.sharedBytes(five) + 4 * forEnded, five);
        assertThat(b.heldFlows(true)).isEqualTo(5_000);
        assertThat(b.waitingBesideHold(true)).isEqualTo(5_000);
        assertThat(b.heldFlows(false)).isEqualTo((int) (forEnded / 2 / b.bytesPerFlow()));
        MemoryBudget large = MemoryBudget.of(1L << 32, five);
        assertThat(large.heldFlows(true)).isGreaterThan(1_000_000);
        assertThat(large.waitingBesideHold(true)).isEqualTo(StartOrder.DEFAULT_MAX_WAITING);
    }

    @Test
    void whatTheListenerHoldsIsCountedBeforeAnyFlowAndItIsToldTheBudget() {
        long cap = capFor(6); // room for eight flows: six open, two waiting
        MemoryBudget[] told = new MemoryBudget[1];
        long perFlow = MemoryBudget.bytesPerFlow(SETS);
        FlowListener holding = new FlowListener() {
            @Override
            public void onFlowEnd(Flow flow) {
            }

            @Override
            public long sharedStateBytes(long bytesPerFlow) {
                return 2 * bytesPerFlow; // two flows' worth
            }

            @Override
            public void budgeted(MemoryBudget budget) {
                told[0] = budget;
            }
        };
        FlowMeter m = new FlowMeter(FlowConfig.defaults().withLimits(FlowLimits.DEFAULTS.withMemoryCap(cap)), SETS, holding);
        assertThat(told[0]).isSameAs(m.memoryBudget());
        assertThat(told[0].sharedBytes()).isEqualTo(MemoryBudget.sharedBytes(SETS) + 2 * perFlow);
        assertThat(told[0].openFlows()).isEqualTo(4); // three quarters of the six flows' room left
    }

    @Test
    void atTheCapTheLeastRecentlySeenFlowEnds() {
        FlowMeter m = new FlowMeter(FlowConfig.defaults().withLimits(FlowLimits.DEFAULTS.withMemoryCap(capFor(3))), SETS, out);
        m.add(udp(0, "10.0.0.1", 1, "10.0.0.2", 2, 60));
        m.add(udp(1, "10.0.0.3", 1, "10.0.0.4", 2, 60));
        m.add(udp(2, "10.0.0.5", 1, "10.0.0.6", 2, 60));
        m.add(udp(3, "10.0.0.1", 1, "10.0.0.2", 2, 60)); // the first flow is now the most recent
        assertThat(out.ended).isEmpty();
        m.add(udp(4, "10.0.0.7", 1, "10.0.0.8", 2, 60));
        m.add(udp(5, "10.0.0.9", 1, "10.0.0.10", 2, 60));
        assertThat(out.ended).extracting(f -> f.srcLo).containsExactly(ipv4("10.0.0.3"), ipv4("10.0.0.5"));
        assertThat(out.ended).extracting(Flow::endReason).containsOnly(EndReason.MEMORY);
        assertThat(m.flowsEnded(EndReason.MEMORY)).isEqualTo(2);
        assertThat(m.flowsEnded(EndReason.EVICTED)).isZero();
        assertThat(m.activeFlows()).isEqualTo(3);
        m.finish();
        assertThat(out.ended).extracting(Flow::packets).containsExactly(1L, 1L, 2L, 1L, 1L);
    }

    @Test
    void aClosedFlowLingeringGoesFirstAndKeepsItsReason() {
        FlowMeter m = new FlowMeter(FlowConfig.defaults().withLimits(FlowLimits.DEFAULTS.withMemoryCap(capFor(3))), SETS, out);
        m.add(udp(0, "10.0.0.1", 1, "10.0.0.2", 2, 60));
        m.add(udp(0, "10.0.0.7", 1, "10.0.0.8", 2, 60));
        m.add(tcp(1, "10.0.0.3", 40000, "10.0.0.4", 80, FIN | ACK, 52));
        m.add(tcp(2, "10.0.0.4", 80, "10.0.0.3", 40000, FIN | ACK, 52)); // closed, lingering
        m.add(udp(3, "10.0.0.5", 1, "10.0.0.6", 2, 60));
        assertThat(out.ended).extracting(Flow::endReason).containsExactly(EndReason.FIN);
        assertThat(m.flowsEnded(EndReason.MEMORY)).isZero();
    }

    @Test
    void theFlowCapNamesItselfWhenItIsTheLowerLimit() {
        FlowMeter m = new FlowMeter(FlowConfig.defaults().withMaxFlows(1)
                .withLimits(FlowLimits.DEFAULTS.withMemoryCap(capFor(3))), SETS, out);
        m.add(udp(0, "10.0.0.1", 1, "10.0.0.2", 2, 60));
        m.add(udp(1, "10.0.0.3", 1, "10.0.0.4", 2, 60));
        assertThat(out.ended).extracting(Flow::endReason).containsExactly(EndReason.EVICTED);
    }

    @Test
    void aCapTooSmallForTheSharedStateIsRefusedWithTheNumbers() {
        List<FeatureSet> all = FeatureSets.parse("all");
        assertThatThrownBy(() -> MemoryBudget.of(16 << 20, all))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16.0 MB is too small")
                .hasMessageContaining("bytes per flow");
    }

    @Test
    void bytesPerFlowGrowWithTheFeatureSets() {
        long deepfence = MemoryBudget.bytesPerFlow(SETS);
        long all = MemoryBudget.bytesPerFlow(FeatureSets.parse("all"));
        // the flow with its index slots and attachment allowance, plus the sets' state
        assertThat(deepfence).isGreaterThan(MemoryBudget.INDEX_BYTES_PER_FLOW + MemoryBudget.ATTACHMENT_BYTES + 200);
        assertThat(all).isGreaterThan(2 * deepfence);
    }
}
