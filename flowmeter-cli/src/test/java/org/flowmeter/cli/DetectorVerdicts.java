package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Classify with a model that never flags, so every malicious verdict is a detector's. */
final class DetectorVerdicts {
    private DetectorVerdicts() {
    }

    /** The verdict rows of {@code capture} (by column name); the run must succeed. */
    static List<Map<String, String>> classify(Path dir, String capture, String... options) throws IOException {
        Path out = dir.resolve("v.csv");
        List<String> args = new ArrayList<>(List.of("classify", capture, "-o", out.toString(), "-q",
                "--model", TestModels.flagsNothing(dir).toString()));
        args.addAll(List.of(options));
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return CsvRows.read(out);
    }

    static List<Map<String, String>> flagged(List<Map<String, String>> rows) {
        return rows.stream().filter(r -> r.get("verdict").equals("malicious")).toList();
    }

    /** Flows per client address and verdict source ("model" when no detector flagged it). */
    static Map<String, Map<String, Integer>> bySourceAndDecider(List<Map<String, String>> rows) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (Map<String, String> row : rows) {
            counts.computeIfAbsent(CsvRows.cell(row, "srcIP"), k -> new TreeMap<>())
                    .merge(CsvRows.cell(row, "decidedBy"), 1, Integer::sum);
        }
        return counts;
    }
}
