package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.engine.CaptureClassifier;
import org.flowmeter.engine.DetectorSettings;
import org.flowmeter.engine.FlowVerdict;
import org.flowmeter.engine.ModelSettings;
import org.flowmeter.engine.VerdictPolicy;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.flow.EndReason;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.model.FlowModel;
import org.flowmeter.model.ModelFiles;
import org.flowmeter.pcap.Captures;
import org.flowmeter.testsupport.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Classify without feature columns drops each ended flow's feature state once its verdict is
 * made, so flows waiting to be written in start order are small; the verdicts and everything a
 * row shows stay the same as when the state is kept.
 */
class ClassifyReleasesFeatureStateTest {
    private static final FlowModel MODEL = load();

    private static FlowModel load() {
        try {
            return ModelFiles.fromResourceAny(ModelSettings.DEFAULT_MODEL_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<FlowVerdict> classify(String capture, boolean release, CaptureClassifier.Threads threads)
            throws IOException {
        List<FeatureSet> sets = FeatureSets.parse(MODEL.featureSet());
        List<FlowVerdict> decided = new ArrayList<>();
        CaptureClassifier classify = new CaptureClassifier(FlowConfig.defaults(), false, sets, MODEL,
                VerdictPolicy.defaults(), DetectorSettings.defaults(), threads, decided::add);
        if (release) {
            classify.releasingFeatureState();
        }
        new CaptureRun(classify.engine()).run(Captures.openAll(List.of(capture)), false, classify::flush);
        return decided;
    }

    /** What a verdict row (without --all-columns) is written from. */
    private static String row(FlowVerdict v) {
        Flow f = v.flow();
        return f.id + " " + f.ipVersion + " " + f.protocol + " " + f.srcHi + ":" + f.srcLo + ":" + f.srcPort + " "
                + f.dstHi + ":" + f.dstLo + ":" + f.dstPort + " " + f.vlan + " " + f.inputIndex + " "
                + f.firstNanos() + " " + f.lastNanos() + " " + f.endReason() + " " + f.packets() + " " + f.bytes()
                + " " + v.earlyScore() + " " + v.score() + " " + v.malicious() + " " + v.decidedAtPacket() + " "
                + v.decidedBy();
    }

    private static String capture(String name) {
        return name.contains("/") ? SharedData.require(name).toString() : fixture(name);
    }

    @ParameterizedTest
    @CsvSource({"http_small.pcap, ONE", "scan_lo.pcap, AFTER_METERING", "bench_small.pcap, AFTER_METERING",
        "traffic-lab/mix_realistic.pcap, ONE", "traffic-lab/mix_realistic.pcap, AFTER_METERING"})
    void releasedFlowsHoldNoSetStateAndKeepTheirRows(String name, CaptureClassifier.Threads threads) throws IOException {
        String capture = capture(name);
        List<FlowVerdict> kept = classify(capture, false, threads);
        List<FlowVerdict> released = classify(capture, true, threads);

        assertThat(kept).isNotEmpty().allSatisfy(v -> assertThat(v.flow().featureStateReleased()).isFalse());
        assertThat(released.stream().map(ClassifyReleasesFeatureStateTest::row).toList())
                .isEqualTo(kept.stream().map(ClassifyReleasesFeatureStateTest::row).toList());
        for (FlowVerdict v : released) {
            Flow f = v.flow();
            if (f.endReason() == EndReason.ACTIVE) {
                // The meter continues the flow's next segment from its state.
                assertThat(f.featureStateReleased()).isFalse();
                continue;
            }
            assertThat(f.featureStateReleased()).as("flow %d", f.id).isTrue();
            for (int i = 0; i < f.featureSetCount(); i++) {
                int set = i;
                assertThatThrownBy(() -> f.features(set)).isInstanceOf(IllegalStateException.class);
            }
        }
    }
}
