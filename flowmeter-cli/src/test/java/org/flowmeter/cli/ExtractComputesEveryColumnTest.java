package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * extract computes every column of the sets asked for, whatever a model reads: the columns whose
 * state classify leaves out for the bundled model (the CIC flow and forward gaps) and those of
 * every other part that can be left out are written, with the values only a full set computes.
 */
class ExtractComputesEveryColumnTest {
    @TempDir
    Path dir;

    @Test
    void theGapBulkAndFlagColumnsThatClassifyMaySkipAreWritten() throws IOException {
        Path out = dir.resolve("flows.csv");
        CliRun run = CliRun.of("extract", "-q", CliRun.fixture("bench_small.pcap"), "--features", "deepfence,cic",
                "-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<Map<String, String>> rows = CsvRows.read(out);
        assertThat(rows).hasSize(179);
        // A skipped state would be refused (a row needs every part) or read 0 in every row.
        for (String column : List.of("cicFlowIATMax", "cicFwdIATTotal", "cicBwdIATMax", "bwdIATMax", "IATStd")) {
            assertThat(nonZero(rows, column)).as(column).isGreaterThan(50);
        }
        assertThat(nonZero(rows, "cicBwdBytesPerBulkAvg")).isPositive();
        assertThat(nonZero(rows, "cicACKFlagCount")).isPositive();
        assertThat(nonZero(rows, "cicFwdPSHFlags")).isPositive();
    }

    private static long nonZero(List<Map<String, String>> rows, String column) {
        return rows.stream().map(r -> CsvRows.cell(r, column)).filter(v -> !v.equals("0") && !v.equals("0.0")).count();
    }
}
