package org.flowmeter.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.flowmeter.model.DeepfenceParams;
import org.flowmeter.model.LogisticModel;
import org.flowmeter.model.ModelFiles;

/** Models whose verdicts are known in advance: every weight 0, so the intercept decides. */
final class TestModels {
    private TestModels() {
    }

    static Path constant(Path dir, String name, double intercept) throws IOException {
        int n = DeepfenceParams.FEATURES.size();
        double[] zeros = new double[n];
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1);
        LogisticModel model = new LogisticModel("deepfence", DeepfenceParams.FEATURES.toArray(new String[0]),
                zeros, ones, zeros, intercept, 0.5, Map.of("purpose", "test"));
        Path file = dir.resolve(name);
        ModelFiles.write(model, file);
        return file;
    }

    static Path flagsEverything(Path dir) throws IOException {
        return constant(dir, "all.json", 10);
    }

    static Path flagsNothing(Path dir) throws IOException {
        return constant(dir, "none.json", -10);
    }

    /**
     * The median score the bundled model gives the flows of {@code capture} (classified into
     * {@code scratch}): as a threshold it flags about half of them, for tests that need both verdicts.
     */
    static String medianBundledScore(String capture, Path scratch) throws IOException {
        CliRun run = CliRun.of("classify", capture, "-o", scratch.toString(), "-q");
        if (run.exitCode() != 0) {
            throw new IOException("classify failed: " + run.err());
        }
        java.util.List<String> lines = java.nio.file.Files.readAllLines(scratch);
        int score = java.util.List.of(lines.get(0).split(",")).indexOf("score");
        double[] sorted = lines.subList(1, lines.size()).stream()
                .mapToDouble(l -> Double.parseDouble(l.split(",", -1)[score])).sorted().toArray();
        return Double.toString(sorted[sorted.length / 2]);
    }
}
