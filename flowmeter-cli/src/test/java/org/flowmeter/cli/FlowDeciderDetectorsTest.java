package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /**
     * peer_sweep.pcap (fixtures/make-peer-sweep.py; tshark -z conv,tcp: 32 connections): 10.0.0.7
     * sweeps port 6346 of 30 hosts (each SYN refused, 2 packets), crossing the scan threshold of
     * 25 hosts 25 s in; only at 60 s and 61 s does it talk with two peers on that port (payload both
     * ways, 8 packets each). The peers make the sweep a peer-to-peer search, which a verdict
     * becomes final only once its flow left the hold: no flow is flagged and then cleared, whenever
     * its verdict is read. With the exemption off (--scan-peers 0) the 30 sweep flows are a scan.
     */
    @ParameterizedTest
    @CsvSource({"2, 0", "0, 30"})
    void aSweepThatLaterFlowsShowToBeAPeerSearchIsNeverFlagged(int scanPeers, int flagged) throws IOException {
        var model = ModelFiles.read(TestModels.flagsNothing(dir));
        List<FeatureSet> sets = org.flowmeter.feature.FeatureSets.parse(model.featureSet());
        DetectorSettings detectors = DetectorSettings.builder().scanPeers(scanPeers).build();
        Map<Long, List<Boolean>> seen = new TreeMap<>();
        List<FlowVerdict> released = new ArrayList<>();
        FlowClassifier classifier = FlowClassifier.holdingVerdicts(model, sets, new VerdictPolicy(5, false), detectors,
                v -> {
                    seen.get(v.flow().id).add(v.malicious());
                    released.add(v);
                });
        FlowListener watch = new FlowListener() {
            @Override
            public void onPacket(Flow flow, DecodedPacket packet, boolean forward) {
                classifier.onPacket(flow, packet, forward);
            }

            @Override
            public void onFlowEnd(Flow flow) {
                classifier.onFlowEnd(flow);
                seen.computeIfAbsent(flow.id, id -> new ArrayList<>()).add(FlowVerdict.of(flow).malicious());
            }
        };
        new CaptureRun(new FlowEngine(FlowConfig.defaults(), false, sets, watch, null))
                .run(Captures.openAll(List.of(fixture("peer_sweep.pcap"))), false, classifier::flush);
        assertThat(released).hasSize(32);
        assertThat(released).filteredOn(FlowVerdict::malicious).hasSize(flagged)
                .allSatisfy(v -> assertThat(v.decidedBy()).isEqualTo("scan"))
                .allSatisfy(v -> assertThat(v.flow().dstPort).isEqualTo(6346));
        // Read when the flow ended and when it left the hold: once malicious, malicious for good.
        assertThat(seen).hasSize(32).allSatisfy((id, verdicts) -> {
            assertThat(verdicts).hasSize(2);
            assertThat(verdicts.get(0) && !verdicts.get(1)).as("flow %d flagged, then cleared", id).isFalse();
        });
    }
}
