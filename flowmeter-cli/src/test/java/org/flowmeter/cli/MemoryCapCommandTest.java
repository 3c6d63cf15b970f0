package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.flow.MemoryBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** extract with a memory cap that holds three flows: every row written, the evicted ones marked. */
class MemoryCapCommandTest {
    @TempDir
    Path dir;

    @Test
    void aCapForThreeFlowsEvictsAllButTheLastThreeAndWritesEveryRowInStartOrder() throws Exception {
        Path capture = dir.resolve("flood.pcap");
        SynFlood.write(capture, 10, 1000); // ten SYNs a microsecond apart
        MemoryBudget unit = MemoryBudget.of(Long.MAX_VALUE / 2, FeatureSets.parse("deepfence"));
        long cap = unit.sharedBytes() + 4 * unit.bytesPerFlow(); // three quarters of the rest: three flows
        Path out = dir.resolve("flows.csv");

        CliRun run = CliRun.of("extract", capture.toString(), "-o", out.toString(), "--memory-cap", Long.toString(cap));

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(11);
        for (int i = 0; i < 10; i++) {
            String row = lines.get(i + 1);
            assertThat(row).startsWith(SynFlood.source(i) + "--192.168.0.1--TCP--" + (1024 + i) + "--80,");
            assertThat(row).endsWith(i < 7 ? ",memory" : ",end");
        }
        assertThat(run.err()).contains("10 flows, 10 written, 7 evicted (ended by memory 7, end 3)");
    }

    @Test
    void aCapBelowTheSharedStateIsAUsageErrorWithTheNumbers() {
        CliRun run = CliRun.of("extract", CliRun.fixture("http_small.pcap"), "-o", "-", "--features", "all",
                "--memory-cap", "16M");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--memory-cap: memory cap of 16.0 MB is too small");
    }
}
