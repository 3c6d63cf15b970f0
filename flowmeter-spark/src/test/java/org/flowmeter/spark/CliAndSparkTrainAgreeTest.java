package org.flowmeter.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.flowmeter.cli.Main;
import org.flowmeter.engine.FlowSettings;
import org.flowmeter.engine.LabelSettings;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.labels.LabelledFlows;
import org.flowmeter.model.FlowModel;
import org.flowmeter.model.GbtModel;
import org.flowmeter.model.LabelText;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.model.ModelFiles;
import org.flowmeter.training.TrainingSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flowmeter train} and Spark's {@code train}, given the same captures, labels and options,
 * read the same labelled flows and write the same model file (every coefficient, scale, tree and
 * threshold bit for bit; only the training time differs), metrics file and summary: both run the
 * engine's labelled-flow loader and ModelTraining. The inputs: the benchmark fixture labelled by
 * host (the 18 flows touching 192.0.2.1 malicious), an HTTP capture all benign, a port scan and a
 * ping all malicious, so Spark reads four files in four tasks.
 */
class CliAndSparkTrainAgreeTest {
    private static final Path FIXTURES = CaptureFiles.REPO.resolve("fixtures/captures");
    private static final String HOST = "192.0.2.1";
    /** Flow options off their defaults, so that a Spark job ignoring one would read other flows. */
    private static final String[] FLOW_OPTIONS = {"--tcp-new-timeout", "2s", "--udp-timeout", "20s", "--idle-timeout",
        "60s", "--tcp-linger", "1s", "--local-net", "10.0.0.0/8", "--features", "deepfence,exchange"};

    @TempDir
    Path dir;

    private static String fixture(String name) {
        return FIXTURES.resolve(name).toString();
    }

    @Test
    void logisticRegressionIsTheCommandLines() throws Exception {
        // Defaults for class weights, intercepts, log scaling and known directions; a small grid otherwise.
        Trained both = trainBoth("lr", "--folds", "3", "--cs", "0.5,1", "--penalties", "l2", "--seed", "7",
                "--test-size", "0.25", "--threshold-for-fpr", "0.05", "--monotone", "Packet=+");
        LogisticModel cli = (LogisticModel) both.cli();
        LogisticModel spark = (LogisticModel) both.spark();
        assertThat(Arrays.stream(cli.weights()).filter(w -> w != 0).count()).as("weights not zero").isPositive();
        assertThat(spark.weights()).containsExactly(cli.weights());
        assertThat(spark.intercept()).isEqualTo(cli.intercept());
        assertThat(spark.mean()).containsExactly(cli.mean());
        assertThat(spark.std()).containsExactly(cli.std());
        assertThat(spark.threshold()).isEqualTo(cli.threshold());
        assertThat(spark.featureSet()).isEqualTo("deepfence,exchange");
    }

    @Test
    void treesAreTheCommandLines() throws Exception {
        Trained both = trainBoth("gbt", "--model-kind", "gbt", "--gbt-rounds", "10", "--folds", "3",
                "--threshold-for-recall", "0.9");
        assertThat(both.cli()).isInstanceOf(GbtModel.class);
        assertThat(((GbtModel) both.spark()).trees()).hasSize(10);
        assertThat(both.spark().threshold()).isEqualTo(both.cli().threshold());
    }

    /** Thinned readings are read by Spark's tasks (one per file and copy) and fitted on as the command line does. */
    @Test
    void thinnedCopiesAreTheCommandLines() throws Exception {
        Trained both = trainBoth("thinned", "--folds", "3", "--cs", "1", "--penalties", "l2", "--thinned-copies", "2",
                "--thinning", "4");
        assertThat(((Number) both.cli().metadata().get("trainCopyFlows")).intValue()).as("copies fitted on").isPositive();
        assertThat(((LogisticModel) both.spark()).weights()).containsExactly(((LogisticModel) both.cli()).weights());
    }

    /** The threshold raised for the worst benign source of --sources is the command line's. */
    @Test
    void worstSourceThresholdIsTheCommandLines() throws Exception {
        Path sources = dir.resolve("sources.csv");
        Files.writeString(sources, String.join("\n", "web," + fixture("http_small.pcap"),
                "web2," + fixture("two_iface.pcapng"), "scan," + fixture("scan_lo.pcap"), "ping," + fixture("udp_ping.pcap"),
                "bench," + fixture("bench_small.pcap")) + "\n");
        Trained both = trainBoth("worst", List.of(fixture("two_iface.pcapng")), "--model-kind", "gbt", "--gbt-rounds", "5",
                "--folds", "2", "--threshold-for-fpr", "0.5", "--sources", sources.toString(), "--worst-source-fpr", "0.01");
        assertThat(both.spark().threshold()).isEqualTo(both.cli().threshold());
        assertThat(Files.readString(dir.resolve("worst-cli-metrics.json"))).contains("benign_sources");
    }

    /** Leave-one-group-out prints and writes the same figures in both. */
    @Test
    void leaveOneGroupOutIsTheCommandLines() throws Exception {
        Path groups = dir.resolve("groups.csv");
        Files.writeString(groups, String.join("\n", "web," + fixture("http_small.pcap"), "scan," + fixture("scan_lo.pcap"),
                "ping," + fixture("udp_ping.pcap"), "+," + fixture("bench_small.pcap")) + "\n");
        Path cliMetrics = dir.resolve("logo-cli.json");
        Path sparkMetrics = dir.resolve("logo-spark.json");
        String[] options = concat(new String[] {"--benign", fixture("http_small.pcap"), "--malicious", fixture("scan_lo.pcap"),
            fixture("udp_ping.pcap"), "--malicious-host", HOST, "--folds", "2", "--cs", "1", "--penalties", "l2",
            "--threshold-for-fpr", "0.1", "--leave-one-group-out", groups.toString()}, FLOW_OPTIONS);
        Said cli = stdoutOf(() -> Main.run(concat(new String[] {"train", fixture("bench_small.pcap"), "--no-progress",
            "--metrics-json", cliMetrics.toString()}, options)));
        Said spark = stdoutOf(() -> FlowmeterSpark.commandLine().execute(concat(new String[] {"train", "--input",
            fixture("bench_small.pcap"), "--metrics-json", sparkMetrics.toString()}, options)));
        assertThat(cli.code()).as(cli.text()).isZero();
        assertThat(spark.code()).as(spark.text()).isZero();
        assertThat(cli.text()).contains("held-out group").contains("pooled");
        assertThat(spark.text()).isEqualTo(cli.text());
        assertThat(Files.readString(sparkMetrics)).isEqualTo(Files.readString(cliMetrics));
    }

    /** Spark's tasks label every flow as the command line's loader does, and the driver keeps its order. */
    @Test
    void labelledFlowsAreTheCommandLines() throws Exception {
        FlowSettings flow = FlowSettings.defaults().withFeatures("deepfence,exchange");
        List<FeatureSet> sets = flow.featureSets();
        String[] features = TrainingSettings.defaults().features(sets);
        List<String> benign = List.of(fixture("http_small.pcap"));
        List<String> malicious = List.of(fixture("scan_lo.pcap"), fixture("udp_ping.pcap"));
        List<String> byHost = List.of(fixture("bench_small.pcap"));
        LabelSettings labels = new LabelSettings(byHost, benign, malicious, List.of(HOST), null, null,
                LabelText.DEFAULT_BENIGN);
        LabelledFlows expected = new LabelledFlows(features);
        labels.readAll(labels.loader(sets, features, flow, w -> { }), null, expected);

        List<LabelledCaptures.Task> tasks = LabelledCaptures.tasks(benign, malicious, byHost,
                TestSpark.session().sparkContext().hadoopConfiguration());
        LabelledFlows actual = LabelledCaptures.load(TestSpark.session(), tasks,
                new LabelledCaptures.Settings(flow, features, labels.hosts()), new PrintStream(new ByteArrayOutputStream()));

        assertThat(actual.inputNames()).containsExactly(fixture("http_small.pcap"), fixture("scan_lo.pcap"),
                fixture("udp_ping.pcap"), fixture("bench_small.pcap"));
        assertThat(actual.perInput().get(fixture("bench_small.pcap"))).containsExactly(161, 18);
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.dropped()).isEqualTo(expected.dropped());
        assertThat(actual.dataset().labels()).containsExactly(expected.dataset().labels());
        assertThat(actual.dataset().groups()).containsExactly(expected.dataset().groups());
        assertThat(Arrays.deepEquals(actual.dataset().rows(), expected.dataset().rows())).isTrue();
        assertThat(actual.packets()).containsExactly(expected.packets());
    }

    /** Too few flows for the folds is an input problem in both (exit 1, one line); a malformed value a usage error. */
    @Test
    void bothRefuseTheSameWay() throws Exception {
        String[] inputs = {"--benign", fixture("http_small.pcap"), "--malicious", fixture("udp_ping.pcap"), "-o",
            dir.resolve("m.json").toString()};
        Said cli = stderr(() -> Main.run(concat(new String[] {"train"}, inputs, new String[] {"--folds", "5"})));
        Said spark = stderr(() -> FlowmeterSpark.commandLine().execute(concat(new String[] {"train"}, inputs,
                new String[] {"--folds", "5"})));
        String problem = "need at least 5 flows of each class for 5-fold CV";
        assertThat(cli.code()).as(cli.text()).isEqualTo(1);
        assertThat(spark.code()).as(spark.text()).isEqualTo(1);
        assertThat(cli.text()).contains("flowmeter: " + problem);
        assertThat(spark.text()).contains("flowmeter-spark: " + problem);

        Said badCli = stderr(() -> Main.run(concat(new String[] {"train"}, inputs, new String[] {"--penalties", "l3"})));
        Said badSpark = stderr(() -> FlowmeterSpark.commandLine().execute(concat(new String[] {"train"}, inputs,
                new String[] {"--penalties", "l3"})));
        assertThat(badCli.code()).isEqualTo(2);
        assertThat(badSpark.code()).isEqualTo(2);
        assertThat(badCli.text()).contains("--penalties: 'l3' is not l1 or l2");
        assertThat(badSpark.text()).contains("--penalties: 'l3' is not l1 or l2");

        // -o may be left out for --leave-one-group-out only
        String[] noOutput = {"train", "--benign", fixture("http_small.pcap"), "--malicious", fixture("udp_ping.pcap")};
        Said cliNoOutput = stderr(() -> Main.run(noOutput));
        Said sparkNoOutput = stderr(() -> FlowmeterSpark.commandLine().execute(noOutput));
        assertThat(cliNoOutput.code()).isEqualTo(2);
        assertThat(sparkNoOutput.code()).isEqualTo(2);
        assertThat(cliNoOutput.text()).contains("Missing required option: '--output=FILE'");
        assertThat(sparkNoOutput.text()).contains("Missing required option: '--output=FILE'");
    }

    private record Said(int code, String text) {
    }

    /** The exit code of {@code run} and what it printed on standard output. */
    private static Said stdoutOf(Callable<Integer> run) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(said, true, StandardCharsets.UTF_8));
            int code = run.call();
            return new Said(code, said.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
        }
    }

    /** The exit code of {@code run} and what it printed on standard error. */
    private static Said stderr(Callable<Integer> run) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
            int code = run.call();
            return new Said(code, said.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
    }

    /** A model Spark trained scores flow tables on Spark as it scores them itself. */
    @Test
    @Tag("e2e") // two more Spark jobs: CI runs it (-Pe2e), a plain build does not
    void sparkClassifyScoresAsTheTrainedModel() throws Exception {
        FlowModel model = trainBoth("scored", "--folds", "3", "--cs", "1", "--penalties", "l2").spark();
        Dataset<Row> table = new SparkExtract(TestSpark.session(),
                new ExtractSettings(FlowSettings.defaults().withFeatures("deepfence,exchange"), 1))
                .flows(List.of(fixture("bench_small.pcap"))).cache();
        String json = ModelFiles.toJson(model);
        Map<String, Double> scores = SparkClassifier.verdicts(TestSpark.session(), table, json).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0) + "@" + r.getLong(6),
                        r -> r.isNullAt(9) ? Double.NaN : r.getDouble(9)));
        assertThat(scores).hasSize((int) table.count());
        for (Row r : table.collectAsList()) {
            double[] v = new double[model.featureCount()];
            for (int j = 0; j < v.length; j++) {
                Object value = r.getAs(model.features()[j]);
                v[j] = value == null ? Double.NaN : ((Number) value).doubleValue();
            }
            String key = r.getString(0) + "@" + r.getAs("flowStartNanos");
            assertThat(scores.get(key)).as(key).isCloseTo(model.score(v), within(1e-12));
        }
        table.unpersist();
    }

    private record Trained(FlowModel cli, FlowModel spark) {
    }

    /** Trains with both; asserts equal model files (but for the time of training), metrics files and summaries. */
    private Trained trainBoth(String name, String... options) throws Exception {
        return trainBoth(name, List.of(), options);
    }

    /** {@link #trainBoth(String, String...)} with more benign captures after the HTTP one. */
    private Trained trainBoth(String name, List<String> moreBenign, String... options) throws Exception {
        Path cliModel = dir.resolve(name + "-cli.json");
        Path sparkModel = dir.resolve(name + "-spark.json");
        Path cliMetrics = dir.resolve(name + "-cli-metrics.json");
        Path sparkMetrics = dir.resolve(name + "-spark-metrics.json");
        String[] cliArgs = concat(new String[] {"train", fixture("bench_small.pcap"), "--malicious-host", HOST,
            "--benign", fixture("http_small.pcap")}, moreBenign.toArray(String[]::new), new String[] {"--malicious",
            fixture("scan_lo.pcap"), fixture("udp_ping.pcap"), "-o", cliModel.toString(), "--metrics-json",
            cliMetrics.toString(), "--no-progress"}, options, FLOW_OPTIONS);
        String[] sparkArgs = concat(new String[] {"train", "--input", fixture("bench_small.pcap"), "--malicious-host", HOST,
            "--benign", fixture("http_small.pcap")}, moreBenign.toArray(String[]::new), new String[] {"--malicious",
            fixture("scan_lo.pcap"), fixture("udp_ping.pcap"), "-o", sparkModel.toString(), "--metrics-json",
            sparkMetrics.toString()}, options, FLOW_OPTIONS);
        String cliOut = stdout(() -> Main.run(cliArgs));
        String sparkOut = stdout(() -> FlowmeterSpark.commandLine().execute(sparkArgs));

        assertThat(withoutTrainingTime(sparkModel)).isEqualTo(withoutTrainingTime(cliModel));
        assertThat(Files.readString(sparkMetrics)).isEqualTo(Files.readString(cliMetrics));
        assertThat(sparkOut.replace(sparkModel.toString(), "MODEL")).isEqualTo(cliOut.replace(cliModel.toString(), "MODEL"));
        FlowModel cli = ModelFiles.readAny(cliModel);
        @SuppressWarnings("unchecked")
        Map<String, Object> inputs = (Map<String, Object>) cli.metadata().get("inputs");
        if (inputs != null) {
            List<String> all = new ArrayList<>(List.of(fixture("bench_small.pcap"), fixture("http_small.pcap"),
                    fixture("scan_lo.pcap"), fixture("udp_ping.pcap")));
            all.addAll(moreBenign);
            assertThat(inputs).containsOnlyKeys(all.toArray(String[]::new));
        }
        return new Trained(cli, ModelFiles.readAny(sparkModel));
    }

    /** The model file without the lines that say when it was trained. */
    private static List<String> withoutTrainingTime(Path model) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(model)) {
            if (!line.contains("\"date\"") && !line.contains("\"trainedAt\"")) {
                lines.add(line);
            }
        }
        assertThat(lines).as(model.toString()).hasSizeGreaterThan(20);
        return lines;
    }

    /** What {@code run} printed on standard output; it must exit 0. */
    private static String stdout(Callable<Integer> run) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(said, true, StandardCharsets.UTF_8));
            code = run.call();
        } finally {
            System.setOut(out);
        }
        String text = said.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).contains("held-out test split:");
        return text;
    }

    private static String[] concat(String[]... parts) {
        return Stream.of(parts).flatMap(Arrays::stream).toArray(String[]::new);
    }
}
