package org.flowmeter.flow;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the durations every front end takes ({@code 120}, {@code 90s}, {@code 2m}, {@code 1.5h},
 * {@code 500ms}, {@code 1d}; a plain number is seconds), so the command line and Spark agree.
 */
public final class DurationText {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h|d)?");

    private DurationText() {
    }

    /** @throws IllegalArgumentException naming the text and the accepted forms */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 120, 90s, 2m, 500ms, 1h)");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double nanos = amount * switch (unit) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default -> 86400e9;
        };
        if (nanos <= 0 || nanos > Long.MAX_VALUE) {
            throw new IllegalArgumentException("duration out of range: " + text);
        }
        return Duration.ofNanos((long) nanos);
    }
}
