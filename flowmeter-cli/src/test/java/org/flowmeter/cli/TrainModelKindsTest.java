package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmeter.model.FlowModel;
import org.flowmeter.model.GbtModel;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.model.ModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sign rules, the trees model kind and the leave-one-group-out protocol through the command line,
 * on the benchmark fixture (the 18 flows touching 192.0.2.1 malicious, counted with `flowmeter
 * extract`) and the small fixture captures.
 */
class TrainModelKindsTest {
    private static final String HOST = "192.0.2.1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private Path train(String name, String... extra) {
        Path model = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("train", fixture("bench_small.pcap"), "--malicious-host", HOST,
                "-o", model.toString(), "--folds", "3", "--cs", "1", "--penalties", "l2", "--intercept", "true",
                "--class-weights", "1:1", "--no-balanced"));
        args.addAll(List.of(extra));
        if (!args.contains("--features")) {
            args.addAll(List.of("--features", "deepfence"));
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return model;
    }

    /** Every weight the unconstrained fit makes negative is asked to be positive: each ends at zero or above. */
    @Test
    void everySignRuleHoldsInTheFittedModel() throws IOException {
        LogisticModel free = ModelFiles.read(train("free.json"));
        List<String> rules = new java.util.ArrayList<>();
        for (int j = 0; j < free.featureCount(); j++) {
            if (free.weights()[j] < 0) {
                rules.add("^" + java.util.regex.Pattern.quote(free.features()[j]) + "$=+");
            }
        }
        assertThat(rules).hasSizeGreaterThan(3);
        Path file = dir.resolve("signs.txt");
        Files.write(file, rules);
        LogisticModel bound = ModelFiles.read(train("bound.json", "--monotone-file", file.toString()));
        assertThat(bound.metadata().get("solver").toString()).contains("sign-constrained");
        for (int j = 0; j < bound.featureCount(); j++) {
            if (free.weights()[j] < 0) {
                assertThat(bound.weights()[j]).as(bound.features()[j]).isGreaterThanOrEqualTo(0);
            }
        }
    }

    /** Columns known to raise suspicion constrain the fit by default; --no-known-directions lifts that. */
    @Test
    void knownDirectionsOfColumnsConstrainByDefault() throws IOException {
        LogisticModel bound = ModelFiles.read(train("ctx.json", "--features", "deepfence,context"));
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> signs = (java.util.Map<String, Object>) bound.metadata().get("signConstraints");
        int known = 0;
        for (int j = 0; j < bound.featureCount(); j++) {
            String f = bound.features()[j];
            if (org.flowmeter.feature.FeatureSets.directionOf(f) == org.flowmeter.feature.Direction.RAISES_SUSPICION) {
                known++;
                assertThat(bound.weights()[j]).as(f).isGreaterThanOrEqualTo(0);
                assertThat(signs).containsEntry(f, "+");
            }
        }
        assertThat(known).isGreaterThanOrEqualTo(9);
        assertThat(signs).hasSize(known);
        LogisticModel free = ModelFiles.read(train("free-ctx.json", "--features", "deepfence,context", "--no-known-directions"));
        assertThat(free.metadata().get("solver").toString()).startsWith("liblinear");
    }

    /** A trees model trains in the packaged command line, and evaluate and classify score it alike. */
    @Test
    void treesTrainAndScoreEverywhere() throws IOException {
        Path model = train("gbt.json", "--model-kind", "gbt", "--gbt-rounds", "20", "--threshold-for-fpr", "0.05",
                "--monotone", "Packet=+");
        FlowModel m = ModelFiles.readAny(model);
        assertThat(m).isInstanceOf(GbtModel.class);
        assertThat(((GbtModel) m).trees()).hasSize(20);

        Path metrics = dir.resolve("eval.json");
        CliRun eval = CliRun.of("evaluate", fixture("bench_small.pcap"), "--malicious-host", HOST,
                "--model", model.toString(), "--metrics-json", metrics.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        JsonNode e = JSON.readTree(metrics.toFile());
        assertThat(e.get("flows").asInt()).isEqualTo(179);

        Path verdicts = dir.resolve("v.csv");
        CliRun classify = CliRun.of("classify", fixture("bench_small.pcap"), "--model", model.toString(),
                "-o", verdicts.toString());
        assertThat(classify.exitCode()).as(classify.err()).isZero();
        long flagged = Files.readAllLines(verdicts).stream().filter(l -> l.contains(",malicious")).count();
        assertThat(flagged).isEqualTo(e.get("tp").asLong() + e.get("fp").asLong());
    }

    @Test
    void deepfenceExportOfTreesIsAUsageError() {
        CliRun run = CliRun.of("train", fixture("bench_small.pcap"), "--malicious-host", HOST, "-o",
                dir.resolve("m.json").toString(), "--model-kind", "gbt", "--export-deepfence", dir.resolve("df").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("logistic regression only");
    }

    /** One line per group, each group's flows counted as their captures hold them (from train's own per-input lines). */
    @Test
    void leaveOneGroupOutReportsEveryGroup() throws IOException {
        Path groups = dir.resolve("groups.csv");
        Files.writeString(groups, String.join("\n",
                "web," + fixture("http_small.pcap"), "web," + fixture("http_small_ns.pcap"),
                "other-benign," + fixture("two_iface.pcapng"), "other-benign," + fixture("bench_small.pcap"),
                "ping," + fixture("udp_ping.pcap"), "sll," + fixture("sll_any.pcap"),
                "-," + fixture("mixed_big_endian.pcap")) + "\n");
        Path metrics = dir.resolve("logo.json");
        CliRun run = CliRun.of("train", "--folds", "2", "--cs", "1", "--penalties", "l2", "--intercept", "true",
                "--class-weights", "1:1", "--no-balanced", "--threshold-for-fpr", "0.1", "--features", "deepfence",
                "--leave-one-group-out", groups.toString(), "--metrics-json", metrics.toString(),
                "--benign", fixture("http_small.pcap"), fixture("http_small_ns.pcap"), fixture("two_iface.pcapng"),
                fixture("bench_small.pcap"),
                "--malicious", fixture("udp_ping.pcap"), fixture("sll_any.pcap"), fixture("mixed_big_endian.pcap"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode m = JSON.readTree(metrics.toFile());
        assertThat(m.get("groups")).extracting(g -> g.get("group").asString())
                .containsExactly("web", "other-benign", "ping", "sll");
        // mixed_big_endian.pcap is in no group: not scored, so not in the pooled count either.
        int mixed = flowsOf(run.err(), "mixed_big_endian.pcap");
        int all = 0;
        for (String f : List.of("http_small.pcap", "http_small_ns.pcap", "two_iface.pcapng", "bench_small.pcap",
                "udp_ping.pcap", "sll_any.pcap", "mixed_big_endian.pcap")) {
            all += flowsOf(run.err(), f);
        }
        JsonNode pooled = m.get("pooled");
        assertThat(pooled.get("benign").asInt() + pooled.get("malicious").asInt()).isEqualTo(all - mixed);
        assertThat(m.get("groups").get(0).get("benign").asInt())
                .isEqualTo(flowsOf(run.err(), "http_small.pcap") + flowsOf(run.err(), "http_small_ns.pcap"));
        assertThat(run.out()).contains("held-out group").contains("pooled").contains("precision at a 1 % base rate");
    }

    private static int flowsOf(String err, String file) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/" + java.util.regex.Pattern.quote(file)
                + ": (\\d+) benign, (\\d+) malicious flows").matcher(err);
        assertThat(m.find()).as(file).isTrue();
        return Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2));
    }
}
