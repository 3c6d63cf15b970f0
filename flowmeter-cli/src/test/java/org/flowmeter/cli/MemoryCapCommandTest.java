package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
            assertThat(endReason(lines.get(0), row)).isEqualTo(i < 7 ? "memory" : "end");
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

    @Test
    void anOutOfMemoryErrorWritesTheFlowsHeldAndNamesTheOptions() throws Exception {
        Path capture = dir.resolve("flood.pcap");
        SynFlood.write(capture, 300_000, 1000);
        Path out = dir.resolve("flows.csv");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a cap far above the heap: the heap runs out first
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "extract", capture.toString(), "-o", out.toString(), "--memory-cap", "1G")
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(p.exitValue()).as(err).isEqualTo(1);
        Matcher m = Pattern
                .compile("flowmeter: out of memory after \\d+ packets with (\\d+) flows in the table; they were ended and written\\. "
                        + "Lower --memory-cap \\(now 1024 MB, \\d+ bytes per flow\\) or give Java a larger heap")
                .matcher(err);
        assertThat(m.find()).as(err).isTrue();
        long held = Long.parseLong(m.group(1));
        assertThat(held).isPositive();
        assertThat(Files.readAllLines(out)).hasSize((int) held + 1);
    }

    /** The endReason column of a CSV row, by the header's name for it. */
    static String endReason(String header, String row) {
        int column = List.of(header.split(",")).indexOf("endReason");
        return row.split(",", -1)[column];
    }
}
