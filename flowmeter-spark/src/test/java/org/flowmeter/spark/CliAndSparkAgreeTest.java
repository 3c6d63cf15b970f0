package org.flowmeter.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.flowmeter.cli.Main;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line and the Spark job, given the same capture and the same options, give the
 * same flows with the same features and the same verdicts (model, early/final policy and cross-flow
 * detectors): both run the engine's FlowSettings, DetectorSettings and classifier. Labels and
 * trained models: {@link CliAndSparkTrainAgreeTest}.
 * Each capture is one file, so the Spark job has no file boundary to join across.
 */
class CliAndSparkAgreeTest {
    private static final Path FIXTURES = CaptureFiles.REPO.resolve("fixtures/captures");
    /** Options off their defaults, so that a Spark job ignoring one would differ. */
    private static final String[] FLOW_OPTIONS = {"--ignore-vlan", "--tcp-new-timeout", "2s", "--udp-timeout", "20s",
        "--idle-timeout", "60s", "--tcp-linger", "1s", "--local-net", "10.0.0.0/8"};
    /** Carries packets on two VLANs (see TunnelCaptureTest). */
    private static final Path VLANS = FIXTURES.resolve("tunnels.pcap");

    @TempDir
    Path dir;

    @Test
    void extractGivesTheFlowsAndFeaturesOfTheCommandLine() throws Exception {
        for (Path capture : List.of(CaptureFiles.BENCH_SMALL, VLANS)) {
            String name = capture.getFileName().toString();
            String cli = dir.resolve(name + "-cli.csv").toString();
            String spark = dir.resolve(name + "-spark").toString();
            String[] features = {"--features", "deepfence,exchange"};
            assertThat(Main.run(concat(new String[] {"extract", capture.toString(), "-o", cli, "-q"}, features, FLOW_OPTIONS)))
                    .isZero();
            assertThat(FlowmeterSpark.commandLine().execute(concat(new String[] {"extract", "--input", capture.toString(),
                "--output", spark, "--format", "csv"}, features, FLOW_OPTIONS))).isZero();

            Dataset<Row> sparkTable = FlowTables.read(TestSpark.session(), spark, FlowTables.Format.csv);
            // The command line also names the input file of each flow; the Spark job leaves it empty. The
            // start and end as timestamps are written in each tool's text form: their nanoseconds are compared.
            String[] columns = Arrays.stream(sparkTable.schema().fields())
                    .filter(f -> !f.name().equals("inputFile") && !f.dataType().equals(DataTypes.TimestampType))
                    .map(StructField::name).toArray(String[]::new);
            List<Row> expected = select(FlowTables.read(TestSpark.session(), cli, FlowTables.Format.csv), columns, List.of());
            List<Row> actual = select(sparkTable, columns, List.of());
            assertThat(expected).as(name).hasSizeGreaterThan(3);
            FlowTableAssert.assertSameFlows(actual, expected, columns);
        }
        // The comparison covers --ignore-vlan: keyed by VLAN, the command line gives one flow more
        // (one UDP conversation on two VLANs).
        String keyed = dir.resolve("keyed.csv").toString();
        String[] keyedOptions = Arrays.stream(FLOW_OPTIONS).filter(o -> !o.equals("--ignore-vlan")).toArray(String[]::new);
        assertThat(Main.run(concat(new String[] {"extract", VLANS.toString(), "-o", keyed, "-q", "--features",
            "deepfence,exchange"}, keyedOptions))).isZero();
        String ignored = dir.resolve(VLANS.getFileName() + "-cli.csv").toString();
        assertThat(java.nio.file.Files.readAllLines(Path.of(keyed)).size())
                .isEqualTo(java.nio.file.Files.readAllLines(Path.of(ignored)).size() + 1);
    }

    @Test
    @Tag("e2e") // several Spark jobs: CI runs it (-Pe2e), a plain build does not
    void classifyGivesTheVerdictsOfTheCommandLine() throws Exception {
        // bench_small with a threshold that flags some flows; scan_lo with the scan detector's pattern.
        for (String[] run : List.of(new String[] {"bench_small.pcap", "--threshold", "0.05"},
                new String[] {"scan_lo.pcap", "--scan-hosts", "3", "--scan-ports", "3"})) {
            String capture = FIXTURES.resolve(run[0]).toString();
            String[] options = concat(Arrays.copyOfRange(run, 1, run.length), FLOW_OPTIONS);
            String cli = dir.resolve(run[0] + "-verdicts.csv").toString();
            String spark = dir.resolve(run[0] + "-verdicts").toString();
            assertThat(Main.run(concat(new String[] {"classify", capture, "-o", cli, "-q"}, options))).isZero();
            assertThat(FlowmeterSpark.commandLine().execute(concat(new String[] {"classify-captures", "--input", capture,
                "--output", spark, "--format", "csv"}, options))).isZero();

            String[] columns = {"fiveTuple", "flowStartNanos", "flowEndNanos", "endReason", "flowId", "packets", "bytes",
                "earlyScore", "score", "verdict", "verdictAtPacket", "decidedBy"};
            List<String> reals = List.of("earlyScore", "score");
            List<Row> expected = select(FlowTables.read(TestSpark.session(), cli, FlowTables.Format.csv), columns, reals);
            List<Row> actual = select(FlowTables.read(TestSpark.session(), spark, FlowTables.Format.csv), columns, reals);
            assertThat(expected).as(run[0]).hasSizeGreaterThan(3);
            assertThat(expected.stream().map(r -> r.getString(9)).distinct()).as(run[0] + ": both verdicts occur")
                    .contains("malicious", "benign");
            FlowTableAssert.assertSameFlows(actual, expected, columns);
            if (run[0].startsWith("scan")) {
                assertThat(expected.stream().map(r -> r.getString(11))).as("flagged by the scan detector").contains("scan");
            }
        }
    }

    /**
     * Spark's table classify takes the model as the command line does (the bundled model by default,
     * --threshold over it): on the flow table of a capture it gives each flow the command line's final
     * score, and its verdicts move with --threshold exactly as the command line's do.
     */
    @Test
    @Tag("e2e") // five Spark jobs over every feature set: CI runs it (-Pe2e), a plain build does not
    void tableClassifyTakesTheModelAndThresholdOfTheCommandLine() throws Exception {
        String capture = CaptureFiles.BENCH_SMALL.toString();
        String table = dir.resolve("table").toString();
        assertThat(FlowmeterSpark.commandLine().execute("extract", "--input", capture, "--output", table, "--features",
                "deepfence,cic,context,exchange,rtt,load")).isZero();
        String[] columns = {"fiveTuple", "flowStartNanos", "score", "verdict"};
        long[] malicious = new long[2];
        int run = 0;
        for (String[] threshold : List.of(new String[0], new String[] {"--threshold", "0.05"})) {
            String cli = dir.resolve("cli-" + run + ".csv").toString();
            String spark = dir.resolve("spark-" + run).toString();
            // the table has no cross-flow detectors: the command line's verdicts without them
            assertThat(Main.run(concat(new String[] {"classify", capture, "-o", cli, "-q", "--no-detectors"}, threshold)))
                    .isZero();
            assertThat(FlowmeterSpark.commandLine().execute(concat(new String[] {"classify", "--input", table, "--output",
                spark, "--format", "csv"}, threshold))).isZero();
            List<Row> expected = select(FlowTables.read(TestSpark.session(), cli, FlowTables.Format.csv), columns,
                    List.of("score"));
            List<Row> actual = select(FlowTables.read(TestSpark.session(), spark, FlowTables.Format.csv), columns,
                    List.of("score"));
            assertThat(expected).hasSizeGreaterThan(100);
            FlowTableAssert.assertSameFlows(actual, expected, columns);
            malicious[run++] = expected.stream().filter(r -> r.getString(3).equals("malicious")).count();
        }
        assertThat(malicious[1]).as("--threshold 0.05 flags more than the bundled model's own threshold")
                .isGreaterThan(malicious[0]);
    }

    /** The columns in this order; {@code reals} read as doubles (extract's schema leaves verdict columns text). */
    private static List<Row> select(Dataset<Row> table, String[] columns, List<String> reals) {
        List<Column> picked = new ArrayList<>();
        for (String c : columns) {
            Column v = col("`" + c + "`");
            if (reals.contains(c)) {
                v = v.cast("double");
            } else if (List.of("flowId", "packets", "bytes", "verdictAtPacket").contains(c)) {
                v = v.cast("long");
            }
            picked.add(v.as(c));
        }
        return table.select(picked.toArray(new Column[0])).collectAsList();
    }

    private static String[] concat(String[]... parts) {
        return Stream.of(parts).flatMap(Arrays::stream).toArray(String[]::new);
    }
}
