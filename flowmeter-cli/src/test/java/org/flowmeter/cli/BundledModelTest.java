package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.flowmeter.feature.Direction;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.model.FlowModel;
import org.flowmeter.model.GbtModel;
import org.flowmeter.model.ModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model shipped in the jar: gradient-boosted trees, monotone in every column whose direction
 * is known, checked on the flows of a real capture (features from `flowmeter extract`).
 */
class BundledModelTest {
    @TempDir
    Path dir;

    private final FlowModel model = load();

    private static FlowModel load() {
        try {
            return ModelFiles.fromResourceAny(org.flowmeter.engine.ModelSettings.DEFAULT_MODEL_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each flow's values in the model's feature order, read from extract's CSV. */
    private List<double[]> rows(String capture) throws IOException {
        Path out = dir.resolve("flows.csv");
        CliRun run = CliRun.of("extract", capture, "-o", out.toString(), "--features", model.featureSet());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        String[] features = model.features();
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            double[] v = new double[features.length];
            for (int j = 0; j < features.length; j++) {
                // the model names columns as inside flowmeter; extract titles them by --names (default flowmeter)
                v[j] = Double.parseDouble(cells[header.indexOf(org.flowmeter.output.NamingScheme.flowmeter.title(features[j]))]);
            }
            rows.add(v);
        }
        return rows;
    }

    @Test
    void isMonotoneTreesConstrainedOnEveryColumnOfKnownDirection() {
        assertThat(model).isInstanceOf(GbtModel.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> signs = (Map<String, Object>) model.metadata().get("monotoneConstraints");
        List<String> known = Arrays.stream(model.features())
                .filter(f -> FeatureSets.directionOf(f) == Direction.RAISES_SUSPICION).toList();
        assertThat(known).isNotEmpty();
        assertThat(signs.keySet()).containsExactlyInAnyOrderElementsOf(known);
        assertThat(model.threshold()).isStrictlyBetween(0.0, 1.0);
    }

    /** Raising any constrained column of a real flow, alone, never lowers its score. */
    @Test
    void scoresNeverFallAsAConstrainedColumnGrows() throws IOException {
        List<double[]> rows = rows(fixture("bench_small.pcap"));
        assertThat(rows).hasSize(179);
        String[] features = model.features();
        int checked = 0;
        for (double[] row : rows) {
            for (int j = 0; j < features.length; j++) {
                if (FeatureSets.directionOf(features[j]) != Direction.RAISES_SUSPICION) {
                    continue;
                }
                double[] x = row.clone();
                double previous = model.score(x);
                for (double v : new double[] {row[j] + 1, row[j] + 3, row[j] * 2 + 10, row[j] * 10 + 100, 1e6}) {
                    x[j] = v;
                    double s = model.score(x);
                    assertThat(s).as("%s raised to %s", features[j], v).isGreaterThanOrEqualTo(previous);
                    previous = s;
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    /**
     * Context may only add suspicion: every host-context ({@code ctx}) and load ({@code ld})
     * column the model reads has a known direction and is constrained by it. A column whose
     * direction is unknown (a source's answered endpoints, distinct sizes of a pair) would let the
     * model learn "much benign-looking context lowers suspicion", which inverted the scores of
     * spoofed floods and lone flows on other networks.
     */
    @Test
    void everyContextColumnItReadsCanOnlyRaiseSuspicion() {
        @SuppressWarnings("unchecked")
        Map<String, Object> signs = (Map<String, Object>) model.metadata().get("monotoneConstraints");
        List<String> context = Arrays.stream(model.features())
                .filter(f -> f.startsWith("ctx") || f.startsWith("ld")).toList();
        assertThat(context).isNotEmpty();
        for (String f : context) {
            assertThat(FeatureSets.directionOf(f)).as(f).isEqualTo(Direction.RAISES_SUSPICION);
            assertThat(signs).as(f).containsEntry(f, "+");
        }
        assertThat(model.features()).doesNotContain("ctxSrcAnsweredEndpoints", "ctxPairFwdSizes", "ctxPairBwdSizes",
                "ldSrcAnsweredEndpoints", "ldDstAnsweredSources", "ldSvcAnsweredSources");
        // a share of failures is highest for a lone failed flow: only the failure counts are read
        assertThat(context).noneMatch(f -> f.endsWith("Share"));
    }

    /**
     * Context values of a flow seen alone (nothing else from its source or to its destination)
     * and inside a busy benign network (a client answered by many services, a popular server):
     * more flows, hosts, services and sources, and no more failures than the flow brings itself.
     * Every context column the model may read is listed, so that a new one is given its values
     * here before a model may use it.
     */
    private static final Map<String, double[]> LONE_AND_BUSY = Map.ofEntries(
            Map.entry("ctxPairFlows", new double[] {1, 12}),
            Map.entry("ctxSrcFlows", new double[] {1, 400}),
            Map.entry("ctxSrcHosts", new double[] {1, 30}),
            Map.entry("ctxSrcServices", new double[] {1, 14}),
            Map.entry("ctxDstFlows", new double[] {1, 900}),
            Map.entry("ctxDstSources", new double[] {1, 120}),
            Map.entry("ldSrcFlows", new double[] {1, 400}),
            Map.entry("ldSrcFlowsPerSecond", new double[] {1 / 60.0, 400 / 60.0}),
            Map.entry("ldSrcHosts", new double[] {1, 30}),
            Map.entry("ldSrcEndpoints", new double[] {1, 40}),
            Map.entry("ldPairFlows", new double[] {1, 12}),
            Map.entry("ldDstFlows", new double[] {1, 900}),
            Map.entry("ldDstFlowsPerSecond", new double[] {1 / 60.0, 900 / 60.0}),
            Map.entry("ldDstSources", new double[] {1, 120}),
            Map.entry("ldSvcFlows", new double[] {1, 900}),
            Map.entry("ldSvcFlowsPerSecond", new double[] {1 / 60.0, 900 / 60.0}),
            Map.entry("ldSvcSources", new double[] {1, 120}));

    /**
     * Counts of failures (unanswered flows, resets, failed endpoints, their shares) are the flow's
     * own in both settings: the busy context adds only answered traffic.
     */
    private static boolean countsFailures(String column) {
        return column.contains("Unanswered") || column.contains("Failed") || column.contains("Resets");
    }

    /** The same real flow scores no higher alone than amid busy benign traffic. */
    @Test
    void aLoneFlowScoresNoHigherThanTheSameFlowInBusyBenignContext() throws IOException {
        String[] features = model.features();
        for (String f : features) {
            if ((f.startsWith("ctx") || f.startsWith("ld")) && !countsFailures(f)) {
                assertThat(LONE_AND_BUSY).as("lone and busy values of %s", f).containsKey(f);
            }
        }
        int checked = 0;
        for (String capture : List.of("bench_small.pcap", "refused.pcap", "udp_ping.pcap", "http_small.pcap")) {
            for (double[] row : rows(fixture(capture))) {
                double[] lone = row.clone();
                double[] busy = row.clone();
                for (int j = 0; j < features.length; j++) {
                    double[] values = LONE_AND_BUSY.get(features[j]);
                    if (values != null) {
                        lone[j] = values[0];
                        busy[j] = Math.max(row[j], values[1]);
                    }
                }
                assertThat(model.score(lone)).as("%s row %s", capture, checked)
                        .isLessThanOrEqualTo(model.score(busy));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(179);
    }

    /**
     * classify's verdicts are the model's scores of extract's features against the threshold; the
     * bundled threshold flags none of this benchmark capture, so the median score is given instead.
     */
    @Test
    void classifyFlagsWhatTheScoresOfExtractedFeaturesSay() throws IOException {
        List<double[]> rows = rows(fixture("bench_small.pcap"));
        double[] scores = rows.stream().mapToDouble(model::score).sorted().toArray();
        double median = scores[scores.length / 2];
        long expected = Arrays.stream(scores).filter(s -> s >= median).count();
        assertThat(expected).isBetween(10L, 169L);
        Path verdicts = dir.resolve("v.csv");
        CliRun run = CliRun.of("classify", fixture("bench_small.pcap"), "-o", verdicts.toString(),
                "--threshold", Double.toString(median));
        assertThat(run.exitCode()).as(run.err()).isZero();
        long flagged = Files.readAllLines(verdicts).stream().filter(l -> l.contains(",malicious")).count();
        assertThat(flagged).isEqualTo(expected);
    }
}
