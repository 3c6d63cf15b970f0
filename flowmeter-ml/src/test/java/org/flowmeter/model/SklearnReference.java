package org.flowmeter.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The data written by src/test/resources/sklearn/make_reference.py. */
final class SklearnReference {
    final Dataset dataset;
    final JsonNode json;

    private SklearnReference(Dataset dataset, JsonNode json) {
        this.dataset = dataset;
        this.json = json;
    }

    static SklearnReference load() {
        List<String> lines = resource("/sklearn/dataset.csv").lines().toList();
        String[] header = lines.get(0).split(",");
        String[] features = java.util.Arrays.copyOf(header, header.length - 1);
        double[][] rows = new double[lines.size() - 1][];
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            String[] cells = lines.get(i + 1).split(",");
            rows[i] = new double[features.length];
            for (int j = 0; j < features.length; j++) {
                rows[i][j] = Double.parseDouble(cells[j]);
            }
            labels[i] = Integer.parseInt(cells[features.length]);
        }
        JsonNode json = JsonMapper.shared().readTree(resource("/sklearn/reference.json"));
        return new SklearnReference(new Dataset(features, rows, labels), json);
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).doubleValue();
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = SklearnReference.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
