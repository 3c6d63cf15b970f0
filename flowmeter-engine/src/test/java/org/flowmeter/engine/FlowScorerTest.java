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
import org.flowmeter.model.GbtModel;
import org.flowmeter.model.ModelFiles;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.testsupport.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scorer classify runs (only the features the trees read, each compressed once per flow)
 * gives the bundled model's scores exactly, to the last bit, as the model's own tree walk over
 * every feature of every set does: on real flows, at the early scoring point and at their end.
 */
class FlowScorerTest {
    private static final int EARLY = 5;

    /**
     * Each flow's score by the reference (every column computed, {@link GbtModel#score}), by the
     * scorer, and by the scorer from a snapshot taken into the array of the previous flow's
     * snapshot (as the decision thread reuses them).
     */
    private record Scores(List<Double> reference, List<Double> fast, List<Double> fromReusedSnapshot) {
    }

    private static Scores score(Path capture) throws IOException {
        FlowModel model = ModelFiles.fromResourceAny(ModelSettings.DEFAULT_MODEL_RESOURCE);
        assertThat(model).isInstanceOf(GbtModel.class);
        List<FeatureSet> sets = FeatureSets.parse(model.featureSet());
        FeatureVector everyColumn = new FeatureVector(sets, Arrays.asList(model.features()));
        FlowScorer scorer = new FlowScorer(model, FeatureSets.needed(sets, model.featuresRead()));
        double[] all = new double[model.featureCount()];
        Scores scores = new Scores(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        double[][] snapshot = new double[1][];
        FlowListener listener = new FlowListener() {
            @Override
            public void onPacket(Flow flow, DecodedPacket packet, boolean forward) {
                if (flow.packets() == EARLY) {
                    onFlowEnd(flow);
                }
            }

            @Override
            public void onFlowEnd(Flow flow) {
                everyColumn.fill(flow, all);
                scores.reference().add(model.score(all));
                scores.fast().add(scorer.score(flow));
                double[] previous = snapshot[0];
                snapshot[0] = scorer.snapshot(flow, previous);
                assertThat(previous == null || snapshot[0] == previous).as("the array is reused").isTrue();
                scores.fromReusedSnapshot().add(scorer.score(snapshot[0]));
            }
        };
        FlowEngine engine = new FlowEngine(FlowConfig.defaults(), false, sets, listener, null);
        try (PacketSource source = Captures.open(capture)) {
            engine.pipeline().run(source, null);
        }
        engine.meter().finish();
        return scores;
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixtures/captures/bench_small.pcap", "fixtures/captures/scan_lo.pcap",
        "fixtures/captures/http_small.pcap", "shared:traffic-lab/mix_realistic.pcap",
        "shared:traffic-lab/hydra_ssh.pcap"})
    void scoresEqualTheModelsOwnWalkOverEveryFeature(String capture) throws IOException {
        Path file = capture.startsWith("shared:")
                ? SharedData.require(capture.substring("shared:".length()))
                : repositoryRoot().resolve(capture);
        Scores s = score(file);
        assertThat(s.reference()).hasSizeGreaterThan(5);
        // Scores differ from flow to flow, so equal lists are not a constant compared with itself.
        assertThat(s.reference().stream().distinct().count()).isGreaterThan(2);
        for (int i = 0; i < s.reference().size(); i++) {
            assertThat(Double.doubleToRawLongBits(s.fast().get(i)))
                    .as("score %d: %s vs %s", i, s.fast().get(i), s.reference().get(i))
                    .isEqualTo(Double.doubleToRawLongBits(s.reference().get(i)));
            assertThat(Double.doubleToRawLongBits(s.fromReusedSnapshot().get(i)))
                    .as("score %d from a reused snapshot", i)
                    .isEqualTo(Double.doubleToRawLongBits(s.reference().get(i)));
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
