package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.engine.DetectorSettings;
import org.flowmeter.engine.FlowClassifier;
import org.flowmeter.engine.FlowEngine;
import org.flowmeter.engine.FlowVerdict;
import org.flowmeter.engine.VerdictPolicy;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowListener;
import org.flowmeter.model.ModelFiles;
import org.flowmeter.pcap.Captures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With detectors on, a flow carries its detector counts from its first packet, yet it has no
 * verdict before it is scored (live reads a flow without a verdict as not flagged).
 */
class FlowDeciderDetectorsTest {
    @TempDir
    Path dir;

    @Test
    void aFlowHasNoVerdictBeforeItsScorePointEvenWithDetectors() throws IOException {
        var model = ModelFiles.read(TestModels.flagsNothing(dir));
        List<FeatureSet> sets = org.flowmeter.feature.FeatureSets.parse(model.featureSet());
        List<Flow> ended = new ArrayList<>();
        List<String> early = new ArrayList<>();
        FlowClassifier classifier = FlowClassifier.streaming(model, sets, new VerdictPolicy(5, false),
                DetectorSettings.defaults(), ended::add);
        FlowListener watch = new FlowListener() {
            @Override
            public void onPacket(Flow flow, DecodedPacket packet, boolean forward) {
                classifier.onPacket(flow, packet, forward);
                if (flow.packets() < 5 && FlowVerdict.of(flow) != null) {
                    early.add(flow.id + "@" + flow.packets());
                }
            }

            @Override
            public void onFlowEnd(Flow flow) {
                classifier.onFlowEnd(flow);
            }
        };
        new CaptureRun(new FlowEngine(FlowConfig.defaults(), false, sets, watch, null))
                .run(Captures.openAll(List.of(fixture("http_small.pcap"))), false, () -> { });
        assertThat(early).isEmpty();
        assertThat(ended).hasSize(8).allSatisfy(f -> {
            assertThat(FlowVerdict.of(f)).isNotNull();
            assertThat(FlowVerdict.of(f).decidedBy()).isEqualTo("model");
        });
    }
}
