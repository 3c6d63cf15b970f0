package org.flowmeter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.detect.FlowFacts;
import org.flowmeter.detect.PatternHold;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.flow.FlowPipeline;
import org.flowmeter.flow.FlowRecords;
import org.flowmeter.flow.MemoryBudget;
import org.flowmeter.flow.ObjectSizes;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.junit.jupiter.api.Test;

/**
 * The detectors' hold in arrays gives back, in the order they came, flows equal to those held
 * with their verdicts (scores to the bit, who decided, early or final); flows that still have
 * their feature state or detector counts come back as the same objects; and a held flow costs
 * what the memory cap counts for it.
 */
class PackedHeldFlowsTest {
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();

    /** The ended flows of real captures, as a classifier would hold them: features dropped. */
    private static List<Flow> ended() throws IOException {
        List<Flow> ended = new ArrayList<>();
        for (String file : List.of("fixtures/captures/bench_small.pcap", "fixtures/captures/scan_lo.pcap",
                "fixtures/captures/ipv6_benign.pcap")) {
            FlowMeter meter = new FlowMeter(FlowConfig.defaults(), FeatureSets.parse("deepfence,cic"), ended::add);
            try (PacketSource source = Captures.open(REPO.resolve(file).toString())) {
                new FlowPipeline(new PacketDecoder(), meter).run(source, null);
            }
            meter.finish();
        }
        return ended;
    }

    /** A verdict of its own for the n-th flow: scores, maker, packet count and flags all vary. */
    private static Verdict verdict(int n) {
        Verdict v = new Verdict();
        v.earlyScore = n % 3 == 0 ? Double.NaN : n / 7.0;
        v.score = Math.nextUp(n / 1000.0);
        v.malicious = n % 2 == 0;
        v.decidedAtPacket = n * 3L + 1;
        v.atFlowEnd = n % 5 != 0;
        v.decidedBy = switch (n % 4) {
            case 0 -> FlowVerdict.MODEL;
            case 1 -> "scan";
            case 2 -> "guessing";
            default -> new String("scan"); // an equal name made apart: the same maker
        };
        return v;
    }

    private static String describe(Flow f) {
        Verdict v = FlowState.verdictOf(f);
        String verdict = v == null ? "no verdict" : Double.doubleToRawLongBits(v.earlyScore) + " "
                + Double.doubleToRawLongBits(v.score) + " " + v.malicious + " " + v.decidedAtPacket + " " + v.atFlowEnd
                + " " + v.decidedBy;
        return f.id + " " + f.ipVersion + " " + f.protocol + " " + f.srcHi + ":" + f.srcLo + ":" + f.srcPort + " "
                + f.dstHi + ":" + f.dstLo + ":" + f.dstPort + " " + f.vlan + " " + f.inputIndex + " " + f.hash() + " "
                + f.firstNanos() + "-" + f.lastNanos() + " " + f.packets() + "/" + f.bytes() + " " + f.forwardPackets()
                + "/" + f.forwardBytes() + " " + f.endReason() + " " + f.closed() + " " + f.featureSetCount() + " "
                + f.featureStateReleased() + " | " + verdict;
    }

    @Test
    void flowsComeBackInOrderEqualToThoseHeldAcrossChunks() throws IOException {
        List<Flow> withFeatures = ended();
        List<Flow> released = ended();
        released.forEach(Flow::releaseFeatureState);
        PackedHeldFlows store = new PackedHeldFlows();
        List<String> expected = new ArrayList<>();
        List<Flow> keptAsObjects = new ArrayList<>();
        int n = 0;
        // More than two chunks, taken out while others go in, so chunks empty, are reused and refill.
        for (int round = 0; round < 12; round++) {
            for (int i = 0; i < released.size(); i++) {
                Flow f;
                if (round == 0 && i % 11 == 0) {
                    f = withFeatures.get(i); // still has its feature state: held as it is
                    keptAsObjects.add(f);
                } else {
                    f = twin(released.get(i));
                    if (i % 17 == 0) {
                        FlowState.of(f).facts = new FlowFacts(); // detector counts not dropped yet
                        keptAsObjects.add(f);
                    }
                }
                if (n % 13 != 12) {
                    FlowState.of(f).verdict = verdict(n);
                }
                store.add(f);
                expected.add(describe(f));
                n++;
            }
            for (int out = 0; out < released.size() / 2; out++) {
                String want = expected.remove(0);
                assertThat(store.oldestStart()).isEqualTo(Long.parseLong(want.split(" ")[8].split("-")[0]));
                Flow back = store.remove();
                assertThat(describe(back)).isEqualTo(want);
                if (keptAsObjects.remove(back)) {
                    assertThat(back.featureStateReleased() ? FlowState.SLOT.get(back).facts : back).isNotNull();
                }
            }
            assertThat(store.size()).isEqualTo(expected.size());
        }
        assertThat(n).isGreaterThan(2 * PackedHeldFlows.CHUNK);
        while (store.size() > 0) {
            Flow back = store.remove();
            assertThat(describe(back)).isEqualTo(expected.remove(0));
            keptAsObjects.remove(back);
        }
        assertThat(expected).isEmpty();
        assertThat(keptAsObjects).as("flows with state come back as the same objects").isEmpty();
    }

    @Test
    void aHeldFlowCostsWhatTheCapCountsAndLessThanAsObjects() throws IOException {
        List<Flow> released = ended();
        released.forEach(Flow::releaseFeatureState);
        PackedHeldFlows store = new PackedHeldFlows();
        List<Flow> asObjects = new ArrayList<>();
        int n = 0;
        while (n < 20 * PackedHeldFlows.CHUNK) {
            for (Flow f : released) {
                Flow t = twin(f);
                FlowState.of(t).verdict = verdict(n++);
                store.add(t);
                asObjects.add(t);
            }
        }
        long packed = ObjectSizes.deepSize(store);
        // As objects: each flow, and its slot holder with the verdict (the slot is transient, so counted apart).
        long objects = ObjectSizes.deepSize(asObjects.toArray())
                + ObjectSizes.deepSize(asObjects.stream().map(FlowState.SLOT::get).toArray());
        assertThat((double) packed / n).isBetween(PackedHeldFlows.BYTES_PER_FLOW * 0.9, PackedHeldFlows.BYTES_PER_FLOW * 1.1);
        assertThat((double) objects / n).isGreaterThan(240.0);
    }

    @Test
    void aClassifierWhoseFlowsDropTheirFeaturesHoldsAsManyAsTheCapAllowsAtTheirPackedSize() {
        MemoryBudget budget = MemoryBudget.of(128L << 20, FeatureSets.parse("deepfence,cic"));
        FlowClassifier classifier = FlowClassifier.detectorsOnly(DetectorSettings.defaults(), flow -> { });
        classifier.budgeted(budget);
        assertThat(classifier.heldAtMost()).isEqualTo(budget.heldFlows(false));
        classifier.releaseFeatureStateOnceDecided();
        assertThat(classifier.heldAtMost()).isEqualTo(budget.heldFlowsOf(PackedHeldFlows.BYTES_PER_FLOW))
                .isGreaterThan(budget.heldFlows(true));
    }

    @Test
    void theDetectorsHoldPassesOnTheSameFlowsAtTheSameMomentsKeptInArraysAsKeptAsObjects() throws IOException {
        List<Flow> released = ended();
        released.forEach(Flow::releaseFeatureState);
        for (int n = 0; n < released.size(); n++) {
            FlowState.of(released.get(n)).verdict = verdict(n);
        }
        List<String> asObjects = passedOn(released, null);
        List<String> inArrays = passedOn(released, new PackedHeldFlows());
        // Some flows leave as the clock passes their window, some for lack of room, the rest at the end.
        assertThat(asObjects.stream().filter(e -> e.startsWith("flush")).count()).isBetween(1L, released.size() - 1L);
        assertThat(inArrays).isEqualTo(asObjects);
    }

    /** What leaves a hold of a 2-second window and 40 flows, and after which arriving flow (or at the flush). */
    private static List<String> passedOn(List<Flow> flows, PatternHold.Store store) {
        List<String> passed = new ArrayList<>();
        String[] moment = {""};
        PatternHold hold = new PatternHold(f -> passed.add(moment[0] + " " + describe(f)), 2_000_000_000L, 40);
        if (store != null) {
            hold.keepIn(store);
        }
        for (Flow f : flows) {
            moment[0] = "after " + f.id;
            hold.onFlowEnd(f);
        }
        moment[0] = "flush";
        hold.flush();
        assertThat(passed).hasSize(flows.size());
        return passed;
    }

    /** A flow of its own equal to {@code f} (which dropped its features), without a verdict. */
    private static Flow twin(Flow f) {
        long[] longs = new long[FlowRecords.LONGS];
        int[] ints = new int[FlowRecords.INTS];
        FlowRecords.write(f, longs, 0, ints, 0);
        return FlowRecords.read(longs, 0, ints, 0);
    }
}
