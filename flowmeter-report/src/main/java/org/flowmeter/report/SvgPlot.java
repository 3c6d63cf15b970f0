package org.flowmeter.report;

import static org.flowmeter.report.Html.escape;

import java.util.Locale;

/**
 * A small inline SVG chart: a plot area with a title, axes, round ticks and labels that never
 * overlap (a label that would touch the one before it is left out).
 */
final class SvgPlot {
    private static final double CHAR_WIDTH = 6.6; // at 11 px, generous for digits and units
    private static final int LEFT = 58;
    private static final int RIGHT = 14;
    private static final int TOP = 40;
    private static final int BOTTOM = 42;

    private final int width;
    private final int height;
    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;
    private final StringBuilder body = new StringBuilder();

    SvgPlot(int width, int height, double x0, double x1, double y0, double y1) {
        this.width = width;
        this.height = height;
        this.x0 = x0;
        this.x1 = x1 > x0 ? x1 : x0 + 1;
        this.y0 = y0;
        this.y1 = y1 > y0 ? y1 : y0 + 1;
    }

    double px(double x) {
        return LEFT + (x - x0) / (x1 - x0) * (width - LEFT - RIGHT);
    }

    double py(double y) {
        return height - BOTTOM - (y - y0) / (y1 - y0) * (height - TOP - BOTTOM);
    }

    SvgPlot title(String text) {
        body.append("<text class=\"title\" x=\"").append(width / 2).append("\" y=\"16\" text-anchor=\"middle\">")
                .append(escape(text)).append("</text>");
        return this;
    }

    /** Ticks at the given x values with their labels; labels that would overlap the previous one are dropped. */
    SvgPlot xAxis(double[] ticks, String[] labels, String title) {
        double baseline = height - BOTTOM;
        line(LEFT, baseline, width - RIGHT, baseline, "axis");
        double lastRight = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < ticks.length; i++) {
            double x = px(ticks[i]);
            double half = labels[i].length() * CHAR_WIDTH / 2;
            if (x - half < lastRight + 6) {
                continue;
            }
            lastRight = x + half;
            line(x, baseline, x, baseline + 4, "axis");
            body.append("<text class=\"tick\" x=\"").append(f(x)).append("\" y=\"").append(f(baseline + 16))
                    .append("\" text-anchor=\"middle\">").append(escape(labels[i])).append("</text>");
        }
        body.append("<text class=\"axis-title\" x=\"").append(f((LEFT + width - RIGHT) / 2.0)).append("\" y=\"")
                .append(height - 6).append("\" text-anchor=\"middle\">").append(escape(title)).append("</text>");
        return this;
    }

    /** Ticks with grid lines across the plot. */
    SvgPlot yAxis(double[] ticks, String[] labels, String title) {
        line(LEFT, TOP, LEFT, height - BOTTOM, "axis");
        for (int i = 0; i < ticks.length; i++) {
            double y = py(ticks[i]);
            line(LEFT, y, width - RIGHT, y, "grid");
            body.append("<text class=\"tick\" x=\"").append(LEFT - 5).append("\" y=\"").append(f(y + 4))
                    .append("\" text-anchor=\"end\">").append(escape(labels[i])).append("</text>");
        }
        double mid = (TOP + height - BOTTOM) / 2.0;
        body.append("<text class=\"axis-title\" transform=\"translate(13,").append(f(mid))
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(escape(title)).append("</text>");
        return this;
    }

    SvgPlot rect(double xa, double xb, double ya, double yb, String cssClass, String tooltip) {
        double left = px(xa);
        double right = px(xb);
        double bottom = py(ya);
        // A bar of a few among thousands still shows as a line.
        double top = Math.min(py(yb), bottom - (yb > ya ? 1.5 : 0));
        body.append("<rect class=\"").append(cssClass).append("\" x=\"").append(f(left)).append("\" y=\"")
                .append(f(top)).append("\" width=\"").append(f(Math.max(0.5, right - left))).append("\" height=\"")
                .append(f(bottom - top)).append("\">");
        if (tooltip != null) {
            body.append("<title>").append(escape(tooltip)).append("</title>");
        }
        body.append("</rect>");
        return this;
    }

    /** A filled step outline: value {@code shares[b]} over [edges[b], edges[b + 1]). */
    SvgPlot steps(double[] edges, double[] shares, String cssClass) {
        StringBuilder points = new StringBuilder();
        points.append(f(px(edges[0]))).append(',').append(f(py(y0)));
        for (int b = 0; b < shares.length; b++) {
            points.append(' ').append(f(px(edges[b]))).append(',').append(f(py(shares[b])))
                    .append(' ').append(f(px(edges[b + 1]))).append(',').append(f(py(shares[b])));
        }
        points.append(' ').append(f(px(edges[edges.length - 1]))).append(',').append(f(py(y0)));
        body.append("<polygon class=\"").append(cssClass).append("\" points=\"").append(points).append("\"/>");
        return this;
    }

    /** Colour swatches with names, right-aligned in the band between the title and the plot. */
    SvgPlot legend(String[] names, String[] cssClasses) {
        double x = width - RIGHT - 8;
        for (int i = names.length - 1; i >= 0; i--) {
            double w = names[i].length() * CHAR_WIDTH;
            x -= w;
            body.append("<text class=\"tick\" x=\"").append(f(x)).append("\" y=\"").append(TOP - 9).append("\">")
                    .append(escape(names[i])).append("</text>");
            x -= 14;
            body.append("<rect class=\"").append(cssClasses[i]).append("\" x=\"").append(f(x)).append("\" y=\"")
                    .append(TOP - 18).append("\" width=\"10\" height=\"10\"/>");
            x -= 12;
        }
        return this;
    }

    private void line(double xa, double ya, double xb, double yb, String cssClass) {
        body.append("<line class=\"").append(cssClass).append("\" x1=\"").append(f(xa)).append("\" y1=\"").append(f(ya))
                .append("\" x2=\"").append(f(xb)).append("\" y2=\"").append(f(yb)).append("\"/>");
    }

    String svg(String ariaLabel) {
        return "<svg class=\"chart\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" role=\"img\" aria-label=\"" + escape(ariaLabel) + "\">"
                + body + "</svg>\n";
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
