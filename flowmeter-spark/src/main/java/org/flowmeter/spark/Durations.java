package org.flowmeter.spark;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Reads durations such as 120s, 500ms, 2m, 1h, 1.5s (a plain number means seconds). */
final class Durations implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        int end = 0;
        while (end < t.length() && (Character.isDigit(t.charAt(end)) || t.charAt(end) == '.')) {
            end++;
        }
        if (end == 0) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        double number = Double.parseDouble(t.substring(0, end));
        double nanosPerUnit = switch (t.substring(end)) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "", "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default -> throw new IllegalArgumentException("unknown unit in duration: " + text);
        };
        return Duration.ofNanos(Math.round(number * nanosPerUnit));
    }
}
