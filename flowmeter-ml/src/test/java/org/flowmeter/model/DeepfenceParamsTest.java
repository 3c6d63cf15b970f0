package org.flowmeter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeepfenceParamsTest {
    private static final Path SHARED_DATA =
            Path.of("").toAbsolutePath().getParent().getParent().resolve("shared/data");
    private static final Path PUBLISHED = SHARED_DATA.resolve("deepfence-model");
    private static final Path WEBGOAT_CSV =
            SHARED_DATA.resolve("public/flows-csv/deepfence+FlowMeter/pkg/flowOutput/webgoat_flow_stats.csv");

    @TempDir
    Path tmp;

    @Test
    void roundTripKeepsScoresIdentical() throws IOException {
        LogisticModel model = randomDeepfenceModel(new Random(7));
        DeepfenceParams.write(model, tmp);
        LogisticModel back = DeepfenceParams.read(tmp);

        assertThat(back.featureSet()).isEqualTo("deepfence");
        assertThat(back.features()).containsExactlyElementsOf(DeepfenceParams.FEATURES);
        assertThat(back.weights()).containsExactly(model.weights());
        assertThat(back.mean()).containsExactly(model.mean());
        assertThat(back.std()).containsExactly(model.std());
        assertThat(back.intercept()).isEqualTo(model.intercept());
        Random random = new Random(8);
        for (int i = 0; i < 100; i++) {
            double[] x = random.doubles(39, -1e6, 1e9).toArray();
            assertThat(back.score(x)).isEqualTo(model.score(x));
        }
    }

    @Test
    void writesNumpySavetxtFormat() throws IOException {
        // Expected strings are what C printf("%.18e") and hence numpy print.
        assertThat(DeepfenceParams.formatNumpy(0.1)).isEqualTo("1.000000000000000056e-01");
        assertThat(DeepfenceParams.formatNumpy(-4.5e10)).isEqualTo("-4.500000000000000000e+10");
        assertThat(DeepfenceParams.formatNumpy(1.0)).isEqualTo("1.000000000000000000e+00");
        assertThat(DeepfenceParams.formatNumpy(0.0)).isEqualTo("0.000000000000000000e+00");
        assertThat(DeepfenceParams.formatNumpy(1.5e-300)).isEqualTo("1.500000000000000120e-300");
    }

    @Test
    void zeroStdIsReadAsOne() throws IOException {
        DeepfenceParams.write(randomDeepfenceModel(new Random(1)), tmp);
        List<String> std = new ArrayList<>(Files.readAllLines(tmp.resolve("std.txt")));
        std.set(2, "0.000000000000000000e+00");
        Files.write(tmp.resolve("std.txt"), std);
        assertThat(DeepfenceParams.read(tmp).std()[2]).isEqualTo(1.0);
    }

    @Test
    void wrongValueCountNamesTheFile() throws IOException {
        DeepfenceParams.write(randomDeepfenceModel(new Random(2)), tmp);
        Files.writeString(tmp.resolve("mean.txt"), "1.0\n2.0\n");
        assertThatThrownBy(() -> DeepfenceParams.read(tmp))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("mean.txt")
                .hasMessageContaining("expected 39 values, found 2");
        Files.delete(tmp.resolve("mean.txt"));
        assertThatThrownBy(() -> DeepfenceParams.read(tmp)).isInstanceOf(IOException.class).hasMessageContaining("mean.txt");
    }

    @Test
    void writingOtherFeaturesIsRefused() {
        LogisticModel other = new LogisticModel("custom", new String[] {"a"}, new double[] {0},
                new double[] {1}, new double[] {1}, 0, 0.5, null);
        assertThatThrownBy(() -> DeepfenceParams.write(other, tmp))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("39 Deepfence features");
    }

    @Test
    void publishedFilesRewriteByteForByte() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(PUBLISHED), "no published Deepfence model at " + PUBLISHED);
        DeepfenceParams.write(DeepfenceParams.read(PUBLISHED), tmp);
        // Holds as long as std.txt has no zeros (those are read back as 1).
        for (String name : List.of("weights.txt", "intercept.txt", "mean.txt", "std.txt")) {
            assertThat(tmp.resolve(name)).hasSameTextualContentAs(PUBLISHED.resolve(name));
        }
    }

    /** Scores Deepfence's own flow output with its published model and checks by plain arithmetic. */
    @Test
    void publishedModelScoresWebgoatFlows() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(PUBLISHED), "no published Deepfence model at " + PUBLISHED);
        Assumptions.assumeTrue(Files.isRegularFile(WEBGOAT_CSV), "no webgoat flow CSV at " + WEBGOAT_CSV);
        LogisticModel model = DeepfenceParams.read(PUBLISHED);
        double[] w = parseColumn(PUBLISHED.resolve("weights.txt"));
        double[] mean = parseColumn(PUBLISHED.resolve("mean.txt"));
        double[] std = parseColumn(PUBLISHED.resolve("std.txt"));
        double b = parseColumn(PUBLISHED.resolve("intercept.txt"))[0];
        assertThat(w).hasSize(39);

        List<String> lines = Files.readAllLines(WEBGOAT_CSV);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int first = header.indexOf("flowDuration");
        assertThat(header.subList(first, first + 33)).containsExactlyElementsOf(DeepfenceParams.FEATURES.subList(0, 33));

        int scored = 0;
        for (String line : lines.subList(1, Math.min(lines.size(), 41))) {
            String[] cells = line.split(",");  // ports look like "8080(http-alt)" but are not used here
            double[] x = new double[39];
            for (int j = 0; j < 33; j++) {
                x[j] = Double.parseDouble(cells[first + j]);
            }
            double duration = x[0];
            if (duration == 0) {
                continue;  // the per-time rates are undefined
            }
            // Rates per nanosecond: flow, fwd and bwd packet counts, then total, fwd and bwd bytes.
            x[33] = x[1] / duration;
            x[34] = x[2] / duration;
            x[35] = x[3] / duration;
            x[36] = x[4] / duration;
            x[37] = x[9] / duration;
            x[38] = x[10] / duration;

            double z = b;
            for (int j = 0; j < 39; j++) {
                z += w[j] * (x[j] - mean[j]) / (std[j] == 0 ? 1 : std[j]);
            }
            double expected = 1 / (1 + Math.exp(-z));
            assertThat(model.score(x)).as(line).isCloseTo(expected, within(1e-12));
            scored++;
        }
        assertThat(scored).isGreaterThan(10);
    }

    private static double[] parseColumn(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(s -> !s.isBlank()).mapToDouble(Double::parseDouble).toArray();
    }

    static LogisticModel randomDeepfenceModel(Random random) {
        int d = DeepfenceParams.FEATURES.size();
        double[] mean = random.doubles(d, 0, 1e10).toArray();
        double[] std = random.doubles(d, 0.5, 1e11).toArray();
        double[] weights = random.doubles(d, -2, 2).toArray();
        return new LogisticModel("deepfence", DeepfenceParams.FEATURES.toArray(String[]::new), mean, std,
                weights, random.nextGaussian(), 0.5, null);
    }
}
