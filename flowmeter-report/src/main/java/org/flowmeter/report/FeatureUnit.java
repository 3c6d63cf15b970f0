package org.flowmeter.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * What a feature's numbers measure, guessed from its name (Deepfence's camelCase names measure
 * time in nanoseconds and rates per nanosecond; CIC's spaced names in microseconds and per
 * second), and how to print them: with units and SI prefixes, never a fraction of a byte.
 */
enum FeatureUnit {
    NANOSECONDS("time", 1e-9, "s"),
    MICROSECONDS("time", 1e-6, "s"),
    SECONDS("time", 1, "s"),
    BYTES("bytes", 1, "B"),
    PACKETS("packets", 1, ""),
    BYTES_PER_NANOSECOND("bytes per second", 1e9, "B/s"),
    PACKETS_PER_NANOSECOND("packets per second", 1e9, "/s"),
    BYTES_PER_SECOND("bytes per second", 1, "B/s"),
    PACKETS_PER_SECOND("packets per second", 1, "/s"),
    RATIO("ratio", 1, ""),
    CODE("code", 1, ""),
    COUNT("count", 1, "");

    private static final String[] BIG = {"", "k", "M", "G", "T", "P"};
    private static final String[] SMALL = {"", "m", "µ", "n"};

    final String axisTitle;
    private final double toBase;
    private final String symbol;

    FeatureUnit(String axisTitle, double toBase, String symbol) {
        this.axisTitle = axisTitle;
        this.toBase = toBase;
        this.symbol = symbol;
    }

    static FeatureUnit of(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String n = lower.replaceAll("[^a-z0-9/]", "");
        boolean cic = name.contains(" ");
        if (lower.endsWith("_ns") || lower.endsWith("nanos")) {
            return NANOSECONDS;
        }
        if (lower.endsWith("_us") || lower.endsWith("micros")) {
            return MICROSECONDS;
        }
        if (n.endsWith("ratio") || n.contains("share")) { // not "duRATIOn"
            return RATIO;
        }
        if (n.contains("pertime")) {
            return n.contains("size") || n.contains("bytes") ? BYTES_PER_NANOSECOND : PACKETS_PER_NANOSECOND;
        }
        if (n.contains("/s") || n.contains("rate")) {
            return n.contains("packet") ? PACKETS_PER_SECOND : BYTES_PER_SECOND;
        }
        if (n.contains("duration") || n.contains("iat") || n.contains("active") || n.contains("idle")
                || n.contains("flowtime")) {
            return cic ? MICROSECONDS : NANOSECONDS;
        }
        if (n.contains("flowlength") && !cic) {
            return PACKETS; // Deepfence's flowLength counts packets
        }
        if (n.contains("length") || n.contains("size") || n.contains("bytes") || n.contains("header")) {
            return BYTES;
        }
        if (n.contains("packet") || n.contains("pkts")) {
            return PACKETS;
        }
        if (n.contains("icmp")) {
            return CODE;
        }
        return COUNT;
    }

    /** The axis title: what is measured (the tick labels carry the unit). */
    String title() {
        return axisTitle;
    }

    /** A tick label for a raw feature value: "1.5 kB", "10 ms", "2k/s", "0.25". */
    String format(double raw) {
        if (this == RATIO || this == CODE) {
            return plain(raw);
        }
        double v = raw * toBase;
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        String prefix = "";
        if (this == NANOSECONDS || this == MICROSECONDS || this == SECONDS) {
            int k = 0;
            while (a < 1 && k < SMALL.length - 1) {
                a *= 1000;
                v *= 1000;
                k++;
            }
            prefix = SMALL[k];
        } else {
            int k = 0;
            while (a >= 1000 && k < BIG.length - 1) {
                a /= 1000;
                v /= 1000;
                k++;
            }
            prefix = BIG[k];
        }
        String number = plain(v);
        String unit = prefix + symbol;
        if (unit.isEmpty()) {
            return number;
        }
        return symbol.isEmpty() || symbol.startsWith("/") ? number + unit : number + " " + unit;
    }

    /** Three significant digits at most, no trailing zeros. */
    static String plain(double v) {
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
