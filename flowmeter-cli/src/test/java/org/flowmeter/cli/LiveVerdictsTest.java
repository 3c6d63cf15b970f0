package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.engine.DetectorSettings;
import org.flowmeter.engine.FlowEngine;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.live.KernelStats;
import org.flowmeter.live.LiveMetrics;
import org.flowmeter.model.FlowModel;
import org.flowmeter.model.ModelFiles;
import org.flowmeter.output.FlowWriter;
import org.flowmeter.output.NamingScheme;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Live's rows without a capture device: http_small.pcap (8 TCP flows of 12 or 13 packets, two of
 * 13, by tshark -z conv,tcp) through the engine into {@link LiveVerdicts}, with a model that flags
 * everything and the early verdict at 3 packets. Each flow gets an early row (at packet 3) while it
 * goes on and a final row when it ends, each row naming its own phase in every stream format.
 */
class LiveVerdictsTest {
    @TempDir
    Path dir;

    private String run(FlowWriters.StreamFormat format) throws IOException {
        FlowModel model = ModelFiles.read(TestModels.flagsEverything(dir));
        List<FeatureSet> sets = FeatureSets.parse(model.featureSet());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LiveVerdictColumns schema = new LiveVerdictColumns(sets, false);
        PacketSource capture = Captures.openAll(List.of(fixture("http_small.pcap")));
        FlowWriter rows = FlowWriters.stream(format, out, schema, "test", schema::judgement, NamingScheme.flowmeter, capture);
        List<Long> finals = new ArrayList<>();
        LiveMetrics metrics = LiveMetrics.unserved(() -> KernelStats.NONE);
        LiveVerdicts verdicts = new LiveVerdicts(model, sets, 3, rows, out, f -> finals.add(f.packets()), metrics,
                DetectorSettings.off());
        new CaptureRun(new FlowEngine(FlowConfig.defaults(), false, sets, verdicts, null))
                .run(capture, false, () -> { });
        rows.close();
        metrics.close();
        assertThat(verdicts.earlyMalicious()).isEqualTo(8);
        assertThat(verdicts.finalVerdicts()).isEqualTo(8);
        assertThat(finals).containsOnly(12L, 13L).filteredOn(p -> p == 13L).hasSize(2);
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(FlowWriters.StreamFormat.class)
    void everyRowNamesItsOwnPhase(FlowWriters.StreamFormat format) throws IOException {
        List<String> lines = run(format).lines().toList();
        List<String> body = format == FlowWriters.StreamFormat.csv ? lines.subList(1, lines.size()) : lines;
        assertThat(body).hasSize(16);
        List<String> early = new ArrayList<>();
        List<String> last = new ArrayList<>();
        for (String line : body) {
            String phase = phaseOf(format, line);
            (phase.equals("early") ? early : last).add(line);
            assertThat(phase).isIn("early", "final");
        }
        assertThat(early).hasSize(8);
        assertThat(last).hasSize(8);
        if (format == FlowWriters.StreamFormat.csv) {
            List<String> names = List.of(lines.get(0).split(","));
            int at = names.indexOf("verdictAtPacket");
            assertThat(names.get(0)).isEqualTo("phase");
            assertThat(early).allSatisfy(l -> assertThat(l.split(",", -1)[at]).isEqualTo("3"));
            assertThat(last).extracting(l -> l.split(",", -1)[at]).containsOnly("12", "13");
        }
    }

    private static String phaseOf(FlowWriters.StreamFormat format, String line) {
        return switch (format) {
            case csv -> line.substring(0, line.indexOf(','));
            case jsonl -> field(line, "\"phase\":\"");
            case eve -> field(line.substring(line.indexOf("\"flowmeter\"")), "\"phase\":\"");
        };
    }

    private static String field(String json, String prefix) {
        int start = json.indexOf(prefix) + prefix.length();
        return json.substring(start, json.indexOf('"', start));
    }
}
