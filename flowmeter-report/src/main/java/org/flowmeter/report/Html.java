package org.flowmeter.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Escaping and number formatting for the report's HTML. */
final class Html {
    /** ISO 8601 in UTC with microseconds, fixed width so that text order is time order. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Html() {
    }

    static String isoTime(long epochNanos) {
        return ISO.format(Instant.ofEpochSecond(0, epochNanos));
    }

    /** A duration for people: "0.975 s", "3 min 20 s", "2 h 5 min", "3 d 4 h". */
    static String duration(double seconds) {
        if (seconds < 60) {
            return FeatureUnit.SECONDS.format(seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        if (s < 86400) {
            return s / 3600 + " h " + s % 3600 / 60 + " min";
        }
        return s / 86400 + " d " + s % 86400 / 3600 + " h";
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String share(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    static String number(double v) {
        if (v == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
