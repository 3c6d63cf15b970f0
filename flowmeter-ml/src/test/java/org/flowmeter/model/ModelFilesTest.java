package org.flowmeter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    @TempDir
    Path tmp;

    private static LogisticModel sample() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("trainingData", "synthetic");
        meta.put("rows", 200);
        meta.put("cvAuc", 0.9876);
        meta.put("hyperParameters", new Hyper(Penalty.L1, 0.3, 0.25, 99.75, true).toMap());
        meta.put("classes", List.of("benign", "malicious"));
        return new LogisticModel("custom", new String[] {"x", "y", "z"}, new double[] {1.5, -2, 1e12},
                new double[] {0.1, 3, 4e11}, new double[] {0.1, -0.2, 1.0 / 3}, -0.7, 0.42, meta);
    }

    @Test
    void roundTrip() throws IOException {
        LogisticModel model = sample();
        Path file = tmp.resolve("model.json");
        ModelFiles.write(model, file);
        LogisticModel back = ModelFiles.read(file);
        assertThat(back).isEqualTo(model);
        double[] x = {2, 3, 5e11};
        assertThat(back.score(x)).isEqualTo(model.score(x));
        assertThat(Files.readString(file)).contains("\"format\" : \"flowmeter-model/1\"").contains("\n  \"features\"");
    }

    @Test
    void fromResource() throws IOException {
        LogisticModel model = ModelFiles.fromResource("/models/tiny.json");
        assertThat(model.featureSet()).isEqualTo("tiny");
        assertThat(model.threshold()).isEqualTo(0.3);
        assertThat(model.metadata()).containsEntry("trainingData", "hand-written test model");
        // z = 0.125 + 0.5 * (3 - 1) / 2 - 0.25 * (6 - 2) / 4 = 0.375
        assertThat(model.score(new double[] {3, 6})).isCloseTo(1 / (1 + Math.exp(-0.375)), within(1e-15));
        assertThatThrownBy(() -> ModelFiles.fromResource("/models/missing.json"))
                .isInstanceOf(IOException.class).hasMessageContaining("/models/missing.json");
    }

    @Test
    void truncatedFileNamesTheFile() throws IOException {
        Path file = tmp.resolve("truncated.json");
        String json = ModelFiles.toJson(sample());
        Files.writeString(file, json.substring(0, json.length() / 2));
        assertThatThrownBy(() -> ModelFiles.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void mismatchedLengthsAreExplained() throws IOException {
        Path file = tmp.resolve("mismatch.json");
        Files.writeString(file, ModelFiles.toJson(sample()).replaceFirst("\"std\" : \\[ 0.1,", "\"std\" : ["));
        assertThatThrownBy(() -> ModelFiles.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("\"std\" has 2 values but \"features\" has 3");
    }

    @Test
    void missingFieldAndWrongFormatAreExplained() throws IOException {
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, ModelFiles.toJson(sample()).replace("\"intercept\"", "\"icept\""));
        assertThatThrownBy(() -> ModelFiles.read(file)).hasMessageContaining("missing field \"intercept\"");
        Files.writeString(file, ModelFiles.toJson(sample()).replace("flowmeter-model/1", "other/9"));
        assertThatThrownBy(() -> ModelFiles.read(file)).hasMessageContaining("unsupported format \"other/9\"");
    }
}
