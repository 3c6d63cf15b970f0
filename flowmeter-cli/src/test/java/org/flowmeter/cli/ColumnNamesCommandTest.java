package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.apache.parquet.schema.Type;
import org.flowmeter.output.parquet.ParquetRows;
import org.flowmeter.testsupport.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --names}: one camelCase scheme by default, Deepfence FlowMeter's and CIC-IDS2017's exact
 * headers for their columns, and flow tables of every scheme read back alike.
 */
class ColumnNamesCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private List<String> header(String... args) throws IOException {
        Path out = dir.resolve("flows.csv");
        List<String> all = new ArrayList<>(List.of("extract", fixture("http_small.pcap"), "-o", out.toString()));
        all.addAll(List.of(args));
        CliRun run = CliRun.of(all.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Arrays.asList(Files.readAllLines(out).get(0).split(",", -1));
    }

    @Test
    void theDefaultTitlesEveryColumnInCamelCaseOnce() throws IOException {
        List<String> header = header("--features", "all");
        assertThat(header).hasSize(55 + 7 + 81 + 12 + 10 + 10 + 28);
        assertThat(header).allMatch(h -> h.matches("[a-zA-Z][a-zA-Z0-9]*"), "camelCase: letters and digits only");
        assertThat(new HashSet<>(header)).hasSameSizeAs(header);
        assertThat(header).contains("cicFlowBytesPerSecond", "cicDownUpRatio", "ctxDstSources", "flowUid");
        assertThat(header("--features", "all", "--names", "flowmeter")).isEqualTo(header);
    }

    /** Deepfence FlowMeter's own CSV (its sample output): the first 39 columns, in its order. */
    @ParameterizedTest
    @ValueSource(strings = {"flowmeter", "deepfence"})
    void deepfenceColumnsCarryDeepfenceFlowMetersHeader(String names) throws IOException {
        Path csv = SharedData.require("public/flows-csv/deepfence+FlowMeter/pkg/flowOutput/webgoat_flow_stats.csv");
        List<String> deepfence = Arrays.asList(Files.readAllLines(csv).get(0).strip().split(","));
        assertThat(deepfence).hasSize(39);
        assertThat(header("--names", names).subList(0, 39)).isEqualTo(deepfence);
    }

    /** A CIC-IDS2017 flow table: between its row number and its labels, our CIC block exactly. */
    @Test
    void cicNamesAreCicIds2017sHeader() throws IOException {
        Path csv = SharedData.require("public/flows-csv/ScubaInstructor+fuh/nids-daten/sampled_CICIDS2017_improved_rnd_5000/BENIGN_5000.csv");
        List<String> cic = Arrays.asList(Files.readAllLines(csv).get(0).strip().split(","));
        assertThat(cic.get(0)).isEqualTo("id");
        assertThat(cic.subList(cic.size() - 2, cic.size())).containsExactly("Label", "Attempted Category");
        List<String> ours = header("--features", "deepfence,cic", "--names", "cic");
        int at = ours.indexOf("Flow ID");
        assertThat(at).isEqualTo(45);
        assertThat(ours.subList(at, at + 88)).isEqualTo(cic.subList(1, cic.size() - 2));
    }

    @Test
    void parquetAndJsonLinesTakeTheSameTitlesAsCsv() throws IOException {
        List<String> csv = header("--features", "cic", "--names", "cic");
        Path parquet = dir.resolve("flows.parquet");
        Path jsonl = dir.resolve("flows.jsonl");
        for (String[] run : new String[][] {{"parquet", parquet.toString()}, {"jsonl", jsonl.toString()}}) {
            CliRun r = CliRun.of("extract", fixture("http_small.pcap"), "--features", "cic", "--names", "cic",
                    "--format", run[0], "-o", run[1]);
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        assertThat(ParquetRows.footer(parquet).getFileMetaData().getSchema().getFields().stream().map(Type::getName).toList()).isEqualTo(csv);
        List<String> keys = new ArrayList<>();
        JSON.readTree(Files.readAllLines(jsonl).get(0)).propertyNames().forEach(keys::add);
        assertThat(keys).isEqualTo(csv);
    }

    /**
     * evaluate reads flow tables by column: written in every scheme and both text formats, the
     * bundled model (which reads CIC's columns by their CIC names) scores them alike.
     */
    @Test
    void evaluateReadsFlowTablesOfEveryScheme() throws IOException {
        JsonNode first = null;
        List<String> headers = new ArrayList<>();
        for (String names : new String[] {"flowmeter", "cic", "deepfence"}) {
            for (String format : new String[] {"csv", "jsonl"}) {
                Path table = dir.resolve(names + "." + format);
                CliRun extract = CliRun.of("extract", fixture("bench_small.pcap"), "--features", "all",
                        "--names", names, "--format", format, "-o", table.toString());
                assertThat(extract.exitCode()).as(extract.err()).isZero();
                if (format.equals("csv")) {
                    headers.add(Files.readAllLines(table).get(0));
                }
                Path metrics = dir.resolve(names + "-" + format + ".json");
                CliRun evaluate = CliRun.of("evaluate", "--malicious-host", "192.0.2.1", "--metrics-json", metrics.toString(),
                        table.toString());
                assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
                JsonNode result = JSON.readTree(metrics.toFile());
                assertThat(result.get("flows").asLong()).isEqualTo(179);
                assertThat(result.get("tp").asLong() + result.get("fn").asLong()).as("flows of the malicious host").isEqualTo(18);
                if (first == null) {
                    first = result;
                } else {
                    for (String field : new String[] {"flows", "tp", "fp", "tn", "fn", "roc_auc"}) {
                        assertThat(result.get(field)).as(names + " " + format + " " + field).isEqualTo(first.get(field));
                    }
                }
            }
        }
        assertThat(headers.get(0)).as("the schemes differ").isNotEqualTo(headers.get(1)).contains("cicFlowDuration");
        assertThat(headers.get(1)).contains("Flow Duration");
    }
}
