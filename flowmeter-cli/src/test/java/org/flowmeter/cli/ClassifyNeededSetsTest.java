package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.model.DeepfenceParams;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.model.ModelFiles;
import org.flowmeter.testsupport.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * classify runs only the feature sets its model reads a column of: a model of the deepfence
 * columns, declared over every registered set, judges a real capture exactly as when every
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
        // Deepfence's published model reads only the deepfence set; declared over every set, a run
        // with --all-columns computes all six while the pruned run computes one.
        LogisticModel deepfence = DeepfenceParams.read(SharedData.require("deepfence-model"));
        Path model = dir.resolve("model.json");
        ModelFiles.write(new LogisticModel(String.join(",", FeatureSets.names()),
                deepfence.features(), deepfence.mean(), deepfence.std(), deepfence.weights(),
                deepfence.intercept(), 0.5, Map.of("purpose", "test")), model);
        Path pruned = dir.resolve("pruned.csv");
        Path all = dir.resolve("all.csv");
        assertThat(CliRun.of("classify", "-q", "--model", model.toString(), capture.toString(),
                "-o", pruned.toString()).exitCode()).isZero();
        assertThat(CliRun.of("classify", "-q", "--all-columns", "--model", model.toString(),
                capture.toString(), "-o", all.toString()).exitCode()).isZero();

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
