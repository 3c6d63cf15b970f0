package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.detect.DetectorConfig;
import org.flowmeter.detect.Detectors;
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
 * verdict before it is scored (a {@link Verdict} attachment means the flow was scored).
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
        FlowDecider decider = new FlowDecider(new FlowScorer(model, sets), 5, false, ended::add,
                Detectors.of(Detectors.names(), new DetectorConfig()));
        FlowListener watch = new FlowListener() {
            @Override
            public void onPacket(Flow flow, DecodedPacket packet, boolean forward) {
                decider.onPacket(flow, packet, forward);
                if (flow.packets() < 5 && (flow.attachment instanceof Verdict)) {
                    early.add(flow.id + "@" + flow.packets());
                }
            }

            @Override
            public void onFlowEnd(Flow flow) {
                decider.onFlowEnd(flow);
            }
        };
        new CaptureRun(FlowConfig.defaults(), sets, watch).run(Captures.openAll(List.of(fixture("http_small.pcap"))), false, () -> { });
        assertThat(early).isEmpty();
        assertThat(ended).hasSize(8).allSatisfy(f -> {
            assertThat((f.attachment instanceof Verdict)).isTrue();
            assertThat(((Verdict) f.attachment).decidedBy).isEqualTo("model");
        });
    }
}
