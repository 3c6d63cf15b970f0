package org.flowmeter.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, drawn without a display and returned as PNG data URIs. */
final class Charts {
    private static final Color MALICIOUS = new Color(214, 69, 65, 150);
    private static final Color OPERATING_POINT = new Color(20, 20, 20);

    static {
        // Reports are written on servers without a display.
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    static String roc(ThresholdSweep s, double auc, double opFpr, double opRecall) {
        XYChart chart = chart(520, 400, String.format(Locale.ROOT, "ROC curve (AUC %.4f)", auc),
                "false-positive rate", "recall (true-positive rate)");
        double[] x = new double[s.size];
        double[] y = new double[s.size];
        for (int k = 0; k < s.size; k++) {
            x[k] = s.falsePositiveRate(k);
            y[k] = s.recall(k);
        }
        line(chart, "model", x, y, MALICIOUS);
        line(chart, "chance", diagonal(), diagonal(), Color.LIGHT_GRAY);
        point(chart, "threshold", opFpr, opRecall);
        unitAxes(chart);
        // The opaque legend would hide the curve's end at the top right.
        chart.getStyler().setLegendPosition(LegendPosition.InsideSE);
        return dataUri(chart);
    }

    static String precisionRecall(ThresholdSweep s, double averagePrecision, double opRecall, double opPrecision) {
        XYChart chart = chart(520, 400, String.format(Locale.ROOT, "Precision-recall (AP %.4f)", averagePrecision),
                "recall", "precision");
        double[] x = new double[s.size - 1];
        double[] y = new double[s.size - 1];
        for (int k = 1; k < s.size; k++) {
            x[k - 1] = s.recall(k);
            y[k - 1] = s.precision(k);
        }
        line(chart, "model", x, y, MALICIOUS);
        point(chart, "threshold", opRecall, opPrecision);
        unitAxes(chart);
        roundTicks(chart);
        // The operating point may sit anywhere on the curve: a legend inside the plot can hide it.
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        return dataUri(chart);
    }

    /** What a pre-filter costs for what it catches: forwarded shares against malicious flows caught. */
    static String forwardedShare(ThresholdSweep s, double opRecall, double opFlowShare) {
        XYChart chart = chart(720, 420, "Forwarded share vs malicious flows caught",
                "share of malicious flows caught (recall)", "share forwarded");
        double[] x = new double[s.size];
        double[] flows = new double[s.size];
        double[] packets = new double[s.size];
        double[] bytes = new double[s.size];
        for (int k = 0; k < s.size; k++) {
            x[k] = s.recall(k);
            flows[k] = s.flowShare(k);
            packets[k] = s.packets == null ? 0 : s.packetShare(k);
            bytes[k] = s.bytes == null ? 0 : s.byteShare(k);
        }
        line(chart, "flows", x, flows, new Color(46, 117, 182));
        if (s.packets != null) {
            line(chart, "packets", x, packets, new Color(112, 173, 71));
        }
        if (s.bytes != null) {
            line(chart, "bytes", x, bytes, new Color(237, 125, 49));
        }
        point(chart, "model threshold", opRecall, opFlowShare);
        unitAxes(chart);
        roundTicks(chart);
        chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
        return dataUri(chart);
    }

    private static XYChart chart(int width, int height, String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
        chart.getStyler().setLegendBorderColor(Color.WHITE);
        chart.getStyler().setAntiAlias(true);
        return chart;
    }

    private static void line(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineStyle(new BasicStroke(2f));
    }

    private static void point(XYChart chart, String name, double x, double y) {
        XYSeries series = chart.addSeries(name, new double[] {x}, new double[] {y});
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.DIAMOND);
        series.setMarkerColor(OPERATING_POINT);
    }

    /** Many points, so the axes get round ticks rather than one per recall step of the data. */
    private static double[] diagonal() {
        double[] v = new double[101];
        for (int i = 0; i < v.length; i++) {
            v[i] = i / 100.0;
        }
        return v;
    }

    /**
     * With few distinct x values (one per recall step) XChart puts a tick at each of them
     * (0.06, 0.11, 0.17, ...); an invisible series of many points gets it round ticks.
     */
    private static void roundTicks(XYChart chart) {
        XYSeries series = chart.addSeries(" ", diagonal(), diagonal());
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(new Color(0, 0, 0, 0));
        series.setShowInLegend(false);
    }

    private static void unitAxes(XYChart chart) {
        chart.getStyler().setMarkerSize(11);
        chart.getStyler().setXAxisDecimalPattern("0.##").setYAxisDecimalPattern("0.##");
        // Shares and rates run from 0 to 1; without fixed bounds the ticks follow the data (0.06, 0.17, ...).
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        // Without hints the unit axes get ticks at sixths and eighteenths, which read badly.
        chart.getStyler().setXAxisTickMarkSpacingHint(70).setYAxisTickMarkSpacingHint(50);
    }

    private static String dataUri(XYChart chart) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
