package org.flowmeter.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which way each feature may push a score: rules {@code REGEX=+} (the feature can only raise
 * suspicion: weight at least zero, or a score that never falls as the feature grows),
 * {@code REGEX=-} (can only lower it) and {@code REGEX=0} (free; lifts an earlier rule). A rule
 * applies to the features whose names the expression finds; the last matching rule wins, so
 * rules given later override defaults given first.
 */
public final class SignConstraints {
    /** One rule: the features it names and their direction, +1, -1 or 0. */
    public record Rule(Pattern pattern, int direction) {
        @Override
        public String toString() {
            return pattern.pattern() + "=" + (direction > 0 ? "+" : direction < 0 ? "-" : "0");
        }
    }

    private final List<Rule> rules;

    private SignConstraints(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static SignConstraints none() {
        return new SignConstraints(List.of());
    }

    public static SignConstraints of(List<Rule> rules) {
        return new SignConstraints(rules);
    }

    /** Parses {@code REGEX=+}, {@code REGEX=-} or {@code REGEX=0}. */
    public static Rule parse(String text) {
        int eq = text.lastIndexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not REGEX=+, REGEX=- or REGEX=0");
        }
        String sign = text.substring(eq + 1).trim();
        int direction = switch (sign) {
            case "+" -> 1;
            case "-" -> -1;
            case "0" -> 0;
            default -> throw new IllegalArgumentException("'" + text + "': the direction must be +, - or 0, is '" + sign + "'");
        };
        try {
            return new Rule(Pattern.compile(text.substring(0, eq)), direction);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + text + "': " + e.getDescription(), e);
        }
    }

    /** Rules one a line; blank lines and lines starting with # are skipped. */
    public static List<Rule> read(Path file) throws IOException {
        List<Rule> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            try {
                out.add(parse(t));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** These rules followed by {@code later} ones (which win where both match). */
    public SignConstraints then(List<Rule> later) {
        List<Rule> all = new ArrayList<>(rules);
        all.addAll(later);
        return new SignConstraints(all);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The direction of each feature: +1, -1 or 0 (free). */
    public int[] directions(String[] features) {
        int[] out = new int[features.length];
        for (int j = 0; j < features.length; j++) {
            for (Rule r : rules) {
                if (r.pattern().matcher(features[j]).find()) {
                    out[j] = r.direction();
                }
            }
        }
        return out;
    }

    /** Weight bounds of a linear model: [0, inf) for +1, (-inf, 0] for -1, unbounded for 0. */
    public static double[][] bounds(int[] directions) {
        double[] lower = new double[directions.length];
        double[] upper = new double[directions.length];
        for (int j = 0; j < directions.length; j++) {
            lower[j] = directions[j] > 0 ? 0 : Double.NEGATIVE_INFINITY;
            upper[j] = directions[j] < 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return new double[][] {lower, upper};
    }

    public static boolean anyConstrained(int[] directions) {
        return Arrays.stream(directions).anyMatch(v -> v != 0);
    }

    @Override
    public String toString() {
        return rules.toString();
    }
}
