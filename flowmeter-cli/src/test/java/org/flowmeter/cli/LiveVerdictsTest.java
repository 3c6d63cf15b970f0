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
import org.flowmeter.engine.FeatureSelection;
import org.flowmeter.engine.ModelSettings;
import org.flowmeter.engine.FlowEngine;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.MemoryBudget;
import org.flowmeter.live.KernelStats;
import org.flowmeter.live.LiveMetrics;
import org.flowmeter.model.DeepfenceParams;
import org.flowmeter.model.FlowModel;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.model.ModelFiles;
import org.flowmeter.output.FlowWriter;
import org.flowmeter.output.NamingScheme;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

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

    /**
     * Live computes what classify computes: only the sets the model reads (a model of the
     * Deepfence columns named "deepfence,cic,context" needs the first alone), each keeping only the
     * state of the columns read, unless --all-columns shows every feature.
     */
    @Test
    void liveComputesOnlyWhatTheModelReadsUnlessEveryColumnIsShown() throws IOException {
        int n = DeepfenceParams.FEATURES.size();
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1);
        FlowModel model = new LogisticModel("deepfence,cic,context", DeepfenceParams.FEATURES.toArray(new String[0]),
                new double[n], ones, new double[n], 0, 0.5, java.util.Map.of());
        List<FeatureSet> all = FeatureSets.parse(model.featureSet());
        List<FeatureSet> pruned = liveSets(model, "live", "-i", "lo");
        assertThat(names(pruned)).containsExactly("deepfence")
                .isEqualTo(names(FeatureSelection.forVerdicts(all, model, false)));
        assertThat(bytesPerFlow(pruned)).isLessThan(bytesPerFlow(all));
        assertThat(names(liveSets(model, "live", "-i", "lo", "--all-columns"))).containsExactly("deepfence", "cic", "context");
    }

    /** The bundled model's verdict rows are the same whether live computes every set or only what the model reads. */
    @Test
    void prunedSetsGiveTheVerdictsOfTheFullOnes() throws IOException {
        FlowModel model = ModelSettings.bundled().load().withThreshold(0.05);
        List<FeatureSet> all = FeatureSets.parse(model.featureSet());
        String full = rowsOf(model, all, "bench_small.pcap");
        String pruned = rowsOf(model, FeatureSelection.forVerdicts(all, model, false), "bench_small.pcap");
        assertThat(full.lines().count()).isGreaterThan(100);
        assertThat(full).contains("malicious").contains("benign");
        assertThat(pruned).isEqualTo(full);
    }

    private static List<FeatureSet> liveSets(FlowModel model, String... args) {
        CommandLine cli = Main.commandLine(args);
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        return ((LiveCommand) parsed.subcommand().commandSpec().userObject()).featureSets(model);
    }

    private static List<String> names(List<FeatureSet> sets) {
        return sets.stream().map(FeatureSet::name).toList();
    }

    private static long bytesPerFlow(List<FeatureSet> sets) {
        return MemoryBudget.of(1L << 30, sets).bytesPerFlow();
    }

    /** Live's CSV rows (early and final) for a capture run through the engine with {@code sets}. */
    private String rowsOf(FlowModel model, List<FeatureSet> sets, String capture) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LiveVerdictColumns schema = new LiveVerdictColumns(sets, false);
        PacketSource source = Captures.openAll(List.of(fixture(capture)));
        FlowWriter rows = FlowWriters.stream(FlowWriters.StreamFormat.csv, out, schema, "test", schema::judgement,
                NamingScheme.flowmeter, source);
        LiveMetrics metrics = LiveMetrics.unserved(() -> KernelStats.NONE);
        LiveVerdicts verdicts = new LiveVerdicts(model, sets, 5, rows, out, f -> { }, metrics, DetectorSettings.off());
        new CaptureRun(new FlowEngine(FlowConfig.defaults(), false, sets, verdicts, null)).run(source, false, () -> { });
        rows.close();
        metrics.close();
        return out.toString(StandardCharsets.UTF_8);
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
