package org.flowmeter.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.labels.HostLabels;
import org.flowmeter.labels.LabelledFlowLoader;
import org.flowmeter.labels.LabelledFlows;
import org.flowmeter.model.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --worst-source-fpr when a benign source cannot be left out: every benign flow fitted on is of
 * that source (one benign source in the data, or a fold of leave-one-group-out that holds out one
 * of two). The fit would have no benign flow, so the threshold stays at the pooled operating point.
 * Real captures of fixtures/captures: benign http_small.pcap (8 flows) and udp_ping.pcap (4), malicious
 * scan_lo.pcap and hydra_ftp_tries.pcap.
 */
class WorstSourcesTest {
    private static final Path FIXTURES = Path.of("").toAbsolutePath().getParent().resolve("fixtures/captures");
    private static final String HTTP = FIXTURES.resolve("http_small.pcap").toString();
    private static final String PING = FIXTURES.resolve("udp_ping.pcap").toString();
    private static final String SCAN = FIXTURES.resolve("scan_lo.pcap").toString();
    private static final String GUESS = FIXTURES.resolve("hydra_ftp_tries.pcap").toString();
    private static final TrainingSettings D = TrainingSettings.defaults();

    @TempDir
    static Path dir;

    private static LabelledFlows flows;

    @BeforeAll
    static void load() throws IOException {
        List<FeatureSet> sets = FeatureSets.parse("deepfence");
        String[] features = sets.get(0).columns().stream().map(c -> c.name()).toArray(String[]::new);
        LabelledFlowLoader loader = new LabelledFlowLoader(sets, features, FlowConfig.defaults(), new HostLabels(),
                null, null, w -> { });
        flows = new LabelledFlows(features);
        loader.load(HTTP, false, null, flows);
        loader.load(PING, false, null, flows);
        loader.load(SCAN, true, null, flows);
        loader.load(GUESS, true, null, flows);
    }

    private static TrainingSettings settings(Double worstSourceFpr, Path sources) {
        GbtSettings gbt = new GbtSettings(20, 3, D.gbt().eta(), D.gbt().minChildWeight(), D.gbt().subsample(),
                D.gbt().classWeights());
        return new TrainingSettings(ModelKind.gbt, null, D.logTransform(), 3, D.testSize(), SplitBy.flow, 42, D.grid(), gbt,
                OperatingPoint.of(null, null, 0.1), D.signRules(), null, 0, D.thinning(), 1, worstSourceFpr, sources);
    }

    private static Path sources(String... lines) throws IOException {
        Path file = Files.createTempFile(dir, "sources", ".csv");
        return Files.write(file, List.of(lines));
    }

    private static double threshold(TrainingSettings settings, Dataset data, int[] directions, InputGroups groups) {
        return ModelTraining.fit(settings, data, directions, "deepfence", groups).threshold();
    }

    @Test
    void oneBenignSourceKeepsThePooledPoint() throws IOException {
        TrainingSettings s = settings(0.01, sources("lab," + HTTP, "lab," + PING, "scan," + SCAN, "guessing," + GUESS));
        PreparedData prepared = ModelTraining.prepare(new TrainingData("deepfence", flows, null), s, line -> { });
        Dataset data = prepared.data();
        assertThat(data.countBenign()).isEqualTo(12);
        InputGroups groups = ModelTraining.sourceGroups(s, flows);
        assertThat(WorstSources.soleBenignSource(groups, data)).isEqualTo("lab");

        double pooled = threshold(settings(null, null), data, prepared.directions(), null);
        assertThat(threshold(s, data, prepared.directions(), groups)).isEqualTo(pooled);
    }

    @Test
    void aFoldHoldingOutOneOfTwoBenignSourcesKeepsThePooledPointAndTheWholeDataDoesNot() throws IOException {
        TrainingSettings s = settings(0.01, sources("http," + HTTP, "ping," + PING, "scan," + SCAN, "guessing," + GUESS));
        PreparedData prepared = ModelTraining.prepare(new TrainingData("deepfence", flows, null), s, line -> { });
        Dataset data = prepared.data();
        InputGroups groups = ModelTraining.sourceGroups(s, flows);
        assertThat(WorstSources.soleBenignSource(groups, data)).isNull();

        int ping = groups.names().indexOf("ping");
        int[] groupOfRow = groups.groupOfRow(data);
        int[] fold = IntStream.range(0, data.size()).filter(i -> groupOfRow[i] != ping).toArray();
        Dataset withoutPing = data.subset(fold);
        assertThat(withoutPing.countBenign()).isEqualTo(8);
        assertThat(WorstSources.soleBenignSource(groups, withoutPing)).isEqualTo("http");

        double pooled = threshold(settings(null, null), withoutPing, prepared.directions(), null);
        assertThat(threshold(s, withoutPing, prepared.directions(), groups)).isEqualTo(pooled);
        assertThat(Arrays.stream(groupOfRow).filter(g -> g == ping).count()).isEqualTo(4);
    }
}
