package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.model.ModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --drop-features}: a model without the matching columns, usable as any other. */
class TrainDropFeaturesTest {
    @TempDir
    Path dir;

    @Test
    void theModelLeavesOutTheMatchingFeaturesAndStillClassifies() throws IOException {
        Path model = dir.resolve("m.json");
        CliRun run = CliRun.of("train", fixture("bench_small.pcap"), "--malicious-host", "192.0.2.1", "-o", model.toString(),
                "--folds", "3", "--cs", "1", "--penalties", "l2", "--intercept", "true", "--class-weights", "1:99",
                "--drop-features", "IAT");
        assertThat(run.exitCode()).as(run.err()).isZero();
        LogisticModel m = ModelFiles.read(model);
        // the 39 Deepfence features hold 14 inter-arrival columns: IAT{Mean,Std,Min,Max} and
        // {fwd,bwd}IAT{Total,Mean,Std,Min,Max}
        assertThat(m.features()).hasSize(25);
        assertThat(Arrays.stream(m.features()).filter(f -> f.contains("IAT"))).isEmpty();
        assertThat(m.features()).contains("flowDuration", "packetSizeMean");

        CliRun classify = CliRun.of("classify", fixture("bench_small.pcap"), "--model", model.toString(), "-o",
                dir.resolve("v.csv").toString(), "-q");
        assertThat(classify.exitCode()).as(classify.err()).isZero();
    }

    @Test
    void droppingEveryFeatureIsAUsageError() {
        CliRun run = CliRun.of("train", fixture("bench_small.pcap"), "--malicious-host", "192.0.2.1",
                "-o", dir.resolve("m.json").toString(), "--drop-features", ".");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--drop-features leaves no feature");
    }
}
