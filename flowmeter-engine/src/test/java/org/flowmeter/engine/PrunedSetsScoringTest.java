package org.flowmeter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.feature.FeatureVector;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowListener;
import org.flowmeter.model.FlowModel;
import org.flowmeter.model.ModelFiles;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.testsupport.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * classify's meter runs the bundled model's sets told of the columns the model reads
 * ({@link FeatureSets#computing}): every column read and every score, early and at the flow's
 * end, equal those of the full sets to the last bit, on real captures.
 */
class PrunedSetsScoringTest {
    private static final int EARLY = 5;

    /** Per flow in end order: the read columns' values and the score, at the early point and at the end. */
    private static List<double[]> run(FlowModel model, List<FeatureSet> sets, Path capture) throws IOException {
        FeatureVector read = new FeatureVector(sets, Arrays.asList(model.features()), model.readsFeature());
        FlowScorer scorer = new FlowScorer(model, sets);
        List<double[]> rows = new ArrayList<>();
        FlowListener listener = new FlowListener() {
            @Override
            public void onPacket(Flow flow, DecodedPacket packet, boolean forward) {
                if (flow.packets() == EARLY) {
                    onFlowEnd(flow);
                }
            }

            @Override
            public void onFlowEnd(Flow flow) {
                double[] row = new double[model.featureCount() + 2];
                read.fill(flow, row);
                row[row.length - 2] = flow.id;
                row[row.length - 1] = scorer.score(flow);
                rows.add(row);
            }
        };
        FlowEngine engine = new FlowEngine(FlowConfig.defaults(), false, sets, listener, null);
        try (PacketSource source = Captures.open(capture)) {
            engine.pipeline().run(source, null);
        }
        engine.meter().finish();
        return rows;
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixtures/captures/bench_small.pcap", "fixtures/captures/scan_lo.pcap",
        "fixtures/captures/ftp_mail_clients.pcap", "fixtures/captures/peer_sweep.pcap",
        "shared:traffic-lab/mix_realistic.pcap", "shared:traffic-lab/hydra_ssh.pcap"})
    void readColumnsAndScoresEqualTheFullSets(String capture) throws IOException {
        Path file = capture.startsWith("shared:")
                ? SharedData.require(capture.substring("shared:".length()))
                : repositoryRoot().resolve(capture);
        FlowModel model = ModelFiles.fromResourceAny(ModelSettings.DEFAULT_MODEL_RESOURCE);
        List<double[]> full = run(model, FeatureSets.parse(model.featureSet()), file);
        List<double[]> pruned = run(model, FeatureSets.computing(FeatureSets.parse(model.featureSet()), model.featuresRead()), file);
        assertThat(full).hasSizeGreaterThan(5);
        assertThat(full.stream().map(r -> r[r.length - 1]).distinct().count()).as("scores differ between flows").isGreaterThan(2);
        assertThat(pruned).hasSameSizeAs(full);
        String[] names = model.features();
        for (int k = 0; k < full.size(); k++) {
            double[] want = full.get(k);
            double[] got = pruned.get(k);
            for (int i = 0; i < want.length; i++) {
                String what = i < names.length ? names[i] : i == names.length ? "flow id" : "score";
                assertThat(Double.doubleToRawLongBits(got[i])).as("%s of row %d: %s vs %s", what, k, got[i], want[i])
                        .isEqualTo(Double.doubleToRawLongBits(want[i]));
            }
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("fixtures/captures"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root above the working directory").isNotNull();
        return dir;
    }
}
