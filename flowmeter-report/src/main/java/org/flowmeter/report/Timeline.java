package org.flowmeter.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Flows by when they started, in round time buckets (1 ms to 1 day, at most {@code maxBuckets}),
 * flagged and passed counted apart; drawn as two charts on one time axis: all flows, and the
 * flagged ones on their own scale so a few among many stay visible.
 */
final class Timeline {
    private static final long MS = 1_000_000L;
    private static final long S = 1000 * MS;
    private static final long[] WIDTHS = {MS, 2 * MS, 5 * MS, 10 * MS, 20 * MS, 50 * MS, 100 * MS, 200 * MS,
        500 * MS, S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S, 60 * S, 120 * S, 300 * S, 600 * S, 900 * S, 1800 * S,
        3600 * S, 7200 * S, 3 * 3600 * S, 6 * 3600 * S, 12 * 3600 * S, 24 * 3600 * S};
    private static final int[] LABEL_EVERY = {1, 2, 5, 10, 15, 20, 30, 50, 60, 100, 120, 200, 500};
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 230;

    final long start;
    final long width;
    final long[] flagged;
    final long[] passed;

    private Timeline(long start, long width, long[] flagged, long[] passed) {
        this.start = start;
        this.width = width;
        this.flagged = flagged;
        this.passed = passed;
    }

    static Timeline of(List<TriageFlow> flows, int maxBuckets) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (TriageFlow f : flows) {
            first = Math.min(first, f.startNanos());
            last = Math.max(last, f.startNanos());
        }
        if (flows.isEmpty()) {
            first = 0;
            last = 0;
        }
        long width = WIDTHS[WIDTHS.length - 1];
        for (long w : WIDTHS) {
            if (Math.floorDiv(last, w) - Math.floorDiv(first, w) + 1 <= maxBuckets) {
                width = w;
                break;
            }
        }
        long start = Math.floorDiv(first, width) * width;
        int n = (int) (Math.floorDiv(last, width) - Math.floorDiv(first, width) + 1);
        long[] flagged = new long[n];
        long[] passed = new long[n];
        for (TriageFlow f : flows) {
            int b = (int) ((f.startNanos() - start) / width);
            if (f.flagged()) {
                flagged[b]++;
            } else {
                passed[b]++;
            }
        }
        return new Timeline(start, width, flagged, passed);
    }

    int buckets() {
        return flagged.length;
    }

    String allFlowsSvg() {
        long top = 0;
        for (int b = 0; b < buckets(); b++) {
            top = Math.max(top, flagged[b] + passed[b]);
        }
        SvgPlot plot = frame(top, "flows started");
        for (int b = 0; b < buckets(); b++) {
            String tip = bucketLabel(b) + ": " + (flagged[b] + passed[b]) + " flows, " + flagged[b] + " flagged";
            if (flagged[b] > 0) {
                plot.rect(b + 0.06, b + 0.94, 0, flagged[b], "flagged", tip);
            }
            if (passed[b] > 0) {
                plot.rect(b + 0.06, b + 0.94, flagged[b], flagged[b] + passed[b], "passed", tip);
            }
        }
        plot.legend(new String[] {"flagged", "passed"}, new String[] {"flagged", "passed"});
        return plot.svg("flows started over time, flagged and passed");
    }

    String flaggedSvg() {
        long top = 0;
        for (long v : flagged) {
            top = Math.max(top, v);
        }
        SvgPlot plot = frame(top, "flagged flows");
        for (int b = 0; b < buckets(); b++) {
            if (flagged[b] > 0) {
                plot.rect(b + 0.06, b + 0.94, 0, flagged[b], "flagged", bucketLabel(b) + ": " + flagged[b] + " flagged");
            }
        }
        return plot.svg("flagged flows over time");
    }

    private SvgPlot frame(long top, String yTitle) {
        double[] yTicks = Ticks.covering(top, 5, true);
        double yTop = yTicks[yTicks.length - 1];
        String[] yLabels = new String[yTicks.length];
        for (int i = 0; i < yTicks.length; i++) {
            yLabels[i] = FeatureUnit.COUNT.format(yTicks[i]);
        }
        int every = LABEL_EVERY[LABEL_EVERY.length - 1];
        for (int e : LABEL_EVERY) {
            if (buckets() / e <= 8) {
                every = e;
                break;
            }
        }
        int ticks = buckets() / every + 1;
        double[] xTicks = new double[ticks];
        String[] xLabels = new String[ticks];
        for (int i = 0; i < ticks; i++) {
            xTicks[i] = i * every;
            xLabels[i] = clock(start + i * every * width);
        }
        return new SvgPlot(WIDTH, HEIGHT, 0, buckets(), 0, yTop)
                .yAxis(yTicks, yLabels, yTitle)
                .xAxis(xTicks, xLabels, "flow start, UTC (" + FeatureUnit.SECONDS.format(width / 1e9) + " per bar)");
    }

    private String bucketLabel(int b) {
        return clock(start + b * width) + " – " + clock(start + (b + 1) * width) + " UTC";
    }

    /** Time of day at the precision the buckets need, with the date when the span crosses days. */
    String clock(long nanos) {
        String pattern = width < S ? "HH:mm:ss.SSS" : width < 60 * S ? "HH:mm:ss" : "HH:mm";
        long span = buckets() * width;
        if (span > 24 * 3600 * S || width >= 24 * 3600 * S) {
            pattern = "yyyy-MM-dd " + pattern;
        }
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochSecond(0, nanos));
    }
}
