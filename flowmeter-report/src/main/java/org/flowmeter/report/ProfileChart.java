package org.flowmeter.report;

import java.util.Locale;

/** One feature's benign and malicious distributions as an inline SVG, with the feature's unit on the axis. */
final class ProfileChart {
    static final int WIDTH = 380;
    static final int HEIGHT = 240;
    private static final int MAX_X_TICKS = 6;

    private ProfileChart() {
    }

    static String svg(String feature, double separation, Histogram h) {
        FeatureUnit unit = FeatureUnit.of(feature);
        double[] e = h.edges();
        double top = 0;
        for (int b = 0; b < h.benign().length; b++) {
            top = Math.max(top, Math.max(h.benign()[b], h.malicious()[b]));
        }
        double[] yTicks = Ticks.covering(Math.max(top, 0.01), 5, false);
        double yTop = yTicks[yTicks.length - 1];
        String[] yLabels = new String[yTicks.length];
        for (int i = 0; i < yTicks.length; i++) {
            yLabels[i] = FeatureUnit.plain(100 * yTicks[i]) + "%";
        }
        SvgPlot plot = new SvgPlot(WIDTH, HEIGHT, e[0], e[e.length - 1], 0, yTop)
                .title(String.format(Locale.ROOT, "%s  (AUC %.3f)", feature, separation))
                .steps(e, h.benign(), "benign")
                .steps(e, h.malicious(), "malicious")
                .yAxis(yTicks, yLabels, "share of class");
        double[] xTicks;
        String[] xLabels;
        if (h.logScaled()) {
            int[] exps = Ticks.powersOfTen(h.zeroBin() ? e[1] : e[0], e[e.length - 1], MAX_X_TICKS);
            int offset = h.zeroBin() ? 1 : 0;
            xTicks = new double[exps.length + offset];
            xLabels = new String[exps.length + offset];
            if (h.zeroBin()) {
                xTicks[0] = (e[0] + e[1]) / 2;
                xLabels[0] = "0";
            }
            for (int i = 0; i < exps.length; i++) {
                xTicks[i + offset] = exps[i];
                xLabels[i + offset] = unit.format(Math.pow(10, exps[i]));
            }
        } else {
            xTicks = Ticks.linear(e[0], e[e.length - 1], MAX_X_TICKS, h.integral());
            xLabels = new String[xTicks.length];
            for (int i = 0; i < xTicks.length; i++) {
                xLabels[i] = unit.format(xTicks[i]);
            }
        }
        plot.xAxis(xTicks, xLabels, unit.title() + (h.logScaled() ? " (log scale)" : ""))
                .legend(new String[] {"benign", "malicious"}, new String[] {"benign", "malicious"});
        return plot.svg(feature);
    }
}
