package org.flowmeter.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@link LogisticModel}s as pretty-printed JSON:
 * <pre>
 * { "format": "flowmeter-model/1", "featureSet": "...", "features": [...], "mean": [...],
 *   "std": [...], "weights": [...], "intercept": 0.0, "threshold": 0.5, "metadata": {...} }
 * </pre>
 * Every problem found while reading is reported as an {@link IOException} naming the source.
 */
public final class ModelFiles {
    public static final String FORMAT = "flowmeter-model/1";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ModelFiles() {}

    public static void write(LogisticModel model, Path file) throws IOException {
        Files.writeString(file, toJson(model), StandardCharsets.UTF_8);
    }

    public static String toJson(LogisticModel model) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("featureSet", model.featureSet());
        ArrayNode names = root.putArray("features");
        for (String f : model.features()) {
            names.add(f);
        }
        if (model.logScale() != null) {
            putArray(root, "logScale", model.logScale());
        }
        putArray(root, "mean", model.mean());
        putArray(root, "std", model.std());
        putArray(root, "weights", model.weights());
        root.put("intercept", model.intercept());
        root.put("threshold", model.threshold());
        root.set("metadata", MAPPER.valueToTree(model.metadata()));
        return MAPPER.writeValueAsString(root) + System.lineSeparator();
    }

    private static void putArray(ObjectNode root, String name, double[] values) {
        ArrayNode array = root.putArray(name);
        for (double v : values) {
            array.add(v);
        }
    }

    public static LogisticModel read(Path file) throws IOException {
        return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Loads a model shipped on the classpath, e.g. {@code "/models/default.json"}. */
    public static LogisticModel fromResource(String resource) throws IOException {
        try (InputStream in = ModelFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("model resource not found on the classpath: " + resource);
            }
            return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), "resource " + resource);
        }
    }

    /** @param source names the origin (a file name) in error messages */
    public static LogisticModel fromJson(String json, String source) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IOException(source + ": not valid JSON (truncated file?): " + e.getOriginalMessage(), e);
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    private static LogisticModel parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        String format = requiredString(root, "format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("unsupported format \"" + format + "\", expected \"" + FORMAT + "\"");
        }
        String featureSet = requiredString(root, "featureSet");
        String[] features = stringArray(required(root, "features"), "features");
        double[] mean = numberArray(root, "mean", features.length);
        double[] std = numberArray(root, "std", features.length);
        double[] weights = numberArray(root, "weights", features.length);
        double intercept = number(required(root, "intercept"), "intercept");
        JsonNode thresholdNode = root.get("threshold");
        double threshold = thresholdNode == null ? LogisticModel.DEFAULT_THRESHOLD : number(thresholdNode, "threshold");
        Map<String, Object> metadata = new LinkedHashMap<>();
        JsonNode meta = root.get("metadata");
        if (meta != null && !meta.isNull()) {
            if (!meta.isObject()) {
                throw new IllegalArgumentException("\"metadata\" must be an object");
            }
            metadata = MAPPER.convertValue(meta, new TypeReference<LinkedHashMap<String, Object>>() {});
        }
        double[] logScale = root.has("logScale") ? numberArray(root, "logScale", features.length) : null;
        return new LogisticModel(featureSet, features, mean, std, weights, intercept, threshold, metadata, logScale);
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("missing field \"" + field + "\"");
        }
        return node;
    }

    private static String requiredString(JsonNode root, String field) {
        JsonNode node = required(root, field);
        if (!node.isString()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return node.stringValue();
    }

    private static String[] stringArray(JsonNode node, String field) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("\"" + field + "\" must be an array");
        }
        String[] out = new String[node.size()];
        for (int i = 0; i < out.length; i++) {
            if (!node.get(i).isString()) {
                throw new IllegalArgumentException("\"" + field + "\"[" + i + "] must be a string");
            }
            out[i] = node.get(i).stringValue();
        }
        return out;
    }

    private static double[] numberArray(JsonNode root, String field, int expectedLength) {
        JsonNode node = required(root, field);
        if (!node.isArray()) {
            throw new IllegalArgumentException("\"" + field + "\" must be an array");
        }
        if (node.size() != expectedLength) {
            throw new IllegalArgumentException("\"" + field + "\" has " + node.size()
                    + " values but \"features\" has " + expectedLength);
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(node.get(i), field + "[" + i + "]");
        }
        return out;
    }

    private static double number(JsonNode node, String what) {
        if (!node.isNumber()) {
            throw new IllegalArgumentException("\"" + what + "\" must be a number");
        }
        return node.doubleValue();
    }
}
