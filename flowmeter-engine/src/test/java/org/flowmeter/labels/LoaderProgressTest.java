package org.flowmeter.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.flow.FlowConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, evaluate and report show how far they have read: one bar per capture, run to its end. */
class LoaderProgressTest {
    private static final Path FIXTURES = Path.of("").toAbsolutePath().getParent().resolve("fixtures/captures");

    @TempDir
    Path dir;

    @Test
    void everyCaptureOfAFolderIsShownReadToItsEnd() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("captures"));
        Files.copy(FIXTURES.resolve("http_small.pcap"), folder.resolve("a.pcap"));
        Files.copy(FIXTURES.resolve("udp_ping.pcap"), folder.resolve("b.pcap"));
        List<FeatureSet> sets = FeatureSets.parse("deepfence");
        String[] features = sets.get(0).columns().stream().map(c -> c.name()).toArray(String[]::new);
        LabelledFlowLoader loader = new LabelledFlowLoader(sets, features, FlowConfig.defaults(), new HostLabels(),
                null, null, w -> { });
        List<String> done = new ArrayList<>();
        loader.showProgress(source -> new LabelledFlowLoader.ReadProgress() {
            @Override
            public void update(org.flowmeter.pcap.PacketSource s) {
            }

            @Override
            public void done(org.flowmeter.pcap.PacketSource s) {
                done.add(Path.of(s.name()).getFileName() + " " + s.bytesRead() + "/" + s.totalBytes());
            }
        });
        LabelledFlows flows = new LabelledFlows(features);
        loader.load(folder.toString(), true, null, flows);
        long a = Files.size(folder.resolve("a.pcap"));
        long b = Files.size(folder.resolve("b.pcap"));
        assertThat(done).containsExactly("a.pcap " + a + "/" + a, "b.pcap " + b + "/" + b);
        assertThat(flows.size()).isEqualTo(8 + 4);
    }
}
