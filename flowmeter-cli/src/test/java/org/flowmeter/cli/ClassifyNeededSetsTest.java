package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.testsupport.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * classify runs only the feature sets its model reads a column of: the bundled model, declared
 * over two more sets it never reads (rtt, load), judges a real capture exactly as when every
 * declared set runs ({@code --all-columns} writes every feature, so it runs them all).
 */
class ClassifyNeededSetsTest {
    private static final List<String> VERDICT = List.of("flowId", "packets", "bytes", "earlyScore", "score",
            "verdict", "verdictAtPacket", "decidedBy");

    @TempDir
    Path dir;

    @Test
    void scoresAndVerdictsAreTheSameWhenUnreadSetsAreLeftOut() throws IOException {
        Path capture = SharedData.require("traffic-lab/mix_realistic.pcap");
        Path model = dir.resolve("model.json");
        try (InputStream in = getClass().getResourceAsStream("/org/flowmeter/model/default-model.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String declared = "\"deepfence,cic,context,exchange\"";
            assertThat(json.indexOf(declared)).isPositive().isEqualTo(json.lastIndexOf(declared));
            Files.writeString(model, json.replace(declared, "\"deepfence,cic,context,exchange,rtt,load\""));
        }
        Path pruned = dir.resolve("pruned.csv");
        Path all = dir.resolve("all.csv");
        assertThat(CliRun.of("classify", "-q", "--model", model.toString(), capture.toString(), "-o", pruned.toString())
                .exitCode()).isZero();
        assertThat(CliRun.of("classify", "-q", "--all-columns", "--model", model.toString(), capture.toString(),
                "-o", all.toString()).exitCode()).isZero();

        List<String> allHeader = List.of(Files.readAllLines(all).get(0).split(","));
        assertThat(allHeader).as("every declared set ran").contains("rttKnown", "ldSrcFlows", "xchFwdMessages");
        List<String> expected = verdicts(all);
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(expected.stream().filter(r -> r.contains(",malicious,"))).isNotEmpty();
        assertThat(verdicts(pruned)).isEqualTo(expected);
    }

    /** The verdict columns of every row, in row order. */
    private static List<String> verdicts(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",", -1);
            StringBuilder row = new StringBuilder();
            for (String column : VERDICT) {
                int at = header.indexOf(column);
                assertThat(at).as(column).isNotNegative();
                row.append(v[at]).append(',');
            }
            rows.add(row.toString());
        }
        return rows;
    }
}
