package org.flowmeter.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** Only writing uses data binding; reading (at every classify start) does not load it. */
    private static final class Writer {
        static final JsonMapper MAPPER = JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }

    private ModelFiles() {}

    public static void write(LogisticModel model, Path file) throws IOException {
        Files.writeString(file, toJson(model), StandardCharsets.UTF_8);
    }

    /** Writes either kind; a logistic model is written exactly as {@link #write(LogisticModel, Path)} does. */
    public static void write(FlowModel model, Path file) throws IOException {
        Files.writeString(file, toJson(model), StandardCharsets.UTF_8);
    }

    public static String toJson(FlowModel model) {
        if (model instanceof LogisticModel lr) {
            return toJson(lr);
        }
        if (!(model instanceof GbtModel gbt)) {
            throw new IllegalArgumentException("no file format for " + model);
        }
        ObjectNode root = Writer.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("kind", GbtModel.KIND);
        root.put("featureSet", gbt.featureSet());
        ArrayNode names = root.putArray("features");
        for (String f : gbt.features()) {
            names.add(f);
        }
        if (gbt.logScale() != null) {
            putArray(root, "logScale", gbt.logScale());
        }
        root.put("baseMargin", gbt.baseMargin());
        ArrayNode trees = root.putArray("trees");
        for (GbtModel.Tree t : gbt.trees()) {
            ObjectNode node = trees.addObject();
            ArrayNode feature = node.putArray("feature");
            ArrayNode split = node.putArray("split");
            ArrayNode left = node.putArray("left");
            ArrayNode right = node.putArray("right");
            ArrayNode defaultLeft = node.putArray("defaultLeft");
            ArrayNode leaf = node.putArray("leaf");
            for (int i = 0; i < t.feature().length; i++) {
                feature.add(t.feature()[i]);
                // A float written as the double it is, so reading it back gives the same float.
                split.add((double) t.split()[i]);
                left.add(t.left()[i]);
                right.add(t.right()[i]);
                defaultLeft.add(t.defaultLeft()[i]);
                leaf.add(t.leaf()[i]);
            }
        }
        root.put("threshold", gbt.threshold());
        root.set("metadata", Writer.MAPPER.valueToTree(gbt.metadata()));
        return Writer.MAPPER.writeValueAsString(root) + System.lineSeparator();
    }

    public static String toJson(LogisticModel model) {
        ObjectNode root = Writer.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("kind", LogisticModel.KIND);
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
        root.set("metadata", Writer.MAPPER.valueToTree(model.metadata()));
        return Writer.MAPPER.writeValueAsString(root) + System.lineSeparator();
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

    /** Reads a model of either kind. */
    public static FlowModel readAny(Path file) throws IOException {
        return fromJsonAny(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Loads a model of either kind shipped on the classpath. */
    public static FlowModel fromResourceAny(String resource) throws IOException {
        try (InputStream in = ModelFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("model resource not found on the classpath: " + resource);
            }
            return fromJsonAny(new String(in.readAllBytes(), StandardCharsets.UTF_8), "resource " + resource);
        }
    }

    public static FlowModel fromJsonAny(String json, String source) throws IOException {
        Object root = parseJson(json, source);
        try {
            return parseAny(root);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    private static Object parseJson(String json, String source) throws IOException {
        try {
            return JsonText.parse(json);
        } catch (IllegalStateException e) {
            throw new IOException(source + ": not valid JSON (truncated file?): " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static FlowModel parseAny(Object json) {
        if (json instanceof Map<?, ?> root && GbtModel.KIND.equals(root.get("kind"))) {
            return parseGbt((Map<String, Object>) root);
        }
        return parse(json);
    }

    @SuppressWarnings("unchecked")
    private static GbtModel parseGbt(Map<String, Object> root) {
        String format = requiredString(root, "format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("unsupported format \"" + format + "\", expected \"" + FORMAT + "\"");
        }
        String featureSet = requiredString(root, "featureSet");
        String[] features = stringArray(required(root, "features"), "features");
        double[] logScale = root.get("logScale") != null ? numberArray(root, "logScale", features.length) : null;
        double baseMargin = number(required(root, "baseMargin"), "baseMargin");
        if (!(required(root, "trees") instanceof List<?> list)) {
            throw new IllegalArgumentException("\"trees\" must be an array");
        }
        GbtModel.Tree[] trees = new GbtModel.Tree[list.size()];
        for (int t = 0; t < trees.length; t++) {
            if (!(list.get(t) instanceof Map<?, ?> tree)) {
                throw new IllegalArgumentException("\"trees\"[" + t + "] must be an object");
            }
            Map<String, Object> m = (Map<String, Object>) tree;
            String at = "trees[" + t + "].";
            int n = ((List<?>) required(m, "left")).size();
            double[] feature = numberArray(m, "feature", n);
            double[] split = numberArray(m, "split", n);
            double[] left = numberArray(m, "left", n);
            double[] right = numberArray(m, "right", n);
            double[] leaf = numberArray(m, "leaf", n);
            List<?> defaults = (List<?>) required(m, "defaultLeft");
            if (defaults.size() != n) {
                throw new IllegalArgumentException(at + "defaultLeft has " + defaults.size() + " values, expected " + n);
            }
            int[] f = new int[n];
            float[] s = new float[n];
            int[] l = new int[n];
            int[] r = new int[n];
            boolean[] dl = new boolean[n];
            for (int i = 0; i < n; i++) {
                f[i] = (int) feature[i];
                s[i] = (float) split[i];
                l[i] = (int) left[i];
                r[i] = (int) right[i];
                if (!(defaults.get(i) instanceof Boolean b)) {
                    throw new IllegalArgumentException(at + "defaultLeft[" + i + "] must be true or false");
                }
                dl[i] = b;
            }
            trees[t] = new GbtModel.Tree(f, s, l, r, dl, leaf);
        }
        Object thresholdValue = root.get("threshold");
        double threshold = thresholdValue == null ? LogisticModel.DEFAULT_THRESHOLD : number(thresholdValue, "threshold");
        Object meta = root.get("metadata");
        Map<String, Object> metadata = meta instanceof Map ? (Map<String, Object>) meta : new LinkedHashMap<>();
        return new GbtModel(featureSet, features, logScale, baseMargin, trees, threshold, metadata);
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
        Object root;
        try {
            root = JsonText.parse(json);
        } catch (IllegalStateException e) {
            throw new IOException(source + ": not valid JSON (truncated file?): " + e.getMessage(), e);
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static LogisticModel parse(Object json) {
        if (!(json instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        Map<String, Object> root = (Map<String, Object>) json;
        if (root.get("kind") != null && !LogisticModel.KIND.equals(root.get("kind"))) {
            throw new IllegalArgumentException("a model of kind \"" + root.get("kind")
                    + "\", where a logistic regression is needed");
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
        Object thresholdValue = root.get("threshold");
        double threshold = thresholdValue == null ? LogisticModel.DEFAULT_THRESHOLD : number(thresholdValue, "threshold");
        Map<String, Object> metadata = new LinkedHashMap<>();
        Object meta = root.get("metadata");
        if (meta != null) {
            if (!(meta instanceof Map)) {
                throw new IllegalArgumentException("\"metadata\" must be an object");
            }
            metadata = (Map<String, Object>) meta;
        }
        double[] logScale = root.get("logScale") != null ? numberArray(root, "logScale", features.length) : null;
        return new LogisticModel(featureSet, features, mean, std, weights, intercept, threshold, metadata, logScale);
    }

    private static Object required(Map<String, Object> root, String field) {
        Object value = root.get(field);
        if (value == null) {
            throw new IllegalArgumentException("missing field \"" + field + "\"");
        }
        return value;
    }

    private static String requiredString(Map<String, Object> root, String field) {
        if (!(required(root, field) instanceof String s)) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return s;
    }

    private static String[] stringArray(Object value, String field) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("\"" + field + "\" must be an array");
        }
        String[] out = new String[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof String s)) {
                throw new IllegalArgumentException("\"" + field + "\"[" + i + "] must be a string");
            }
            out[i] = s;
        }
        return out;
    }

    private static double[] numberArray(Map<String, Object> root, String field, int expectedLength) {
        if (!(required(root, field) instanceof List<?> list)) {
            throw new IllegalArgumentException("\"" + field + "\" must be an array");
        }
        if (list.size() != expectedLength) {
            throw new IllegalArgumentException("\"" + field + "\" has " + list.size()
                    + " values but \"features\" has " + expectedLength);
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(list.get(i), field + "[" + i + "]");
        }
        return out;
    }

    private static double number(Object value, String what) {
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("\"" + what + "\" must be a number");
        }
        return n.doubleValue();
    }
}
