package org.flowmeter.report;

import static org.flowmeter.report.Html.count;
import static org.flowmeter.report.Html.escape;
import static org.flowmeter.report.Html.number;
import static org.flowmeter.report.Html.share;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.flowmeter.model.Dataset;
import org.flowmeter.model.EvaluationResult;
import org.flowmeter.model.Metrics;

/**
 * One self-contained HTML file: traffic summary, feature profiles, model quality and the most
 * suspicious flows. Charts are embedded PNGs and the style is inline, so it opens offline.
 */
public final class HtmlReport {
    static final int TOP_FLOWS = 20;
    static final int KEY_FEATURES = 5;
    static final int PROFILES = 20;
    static final int WEIGHTS = 20;
    private static final int BINS = 30;

    private final ReportInput in;
    private final EvaluationResult result;
    private final ThresholdSweep sweep;
    private final StringBuilder out = new StringBuilder();

    private HtmlReport(ReportInput in) {
        this.in = in;
        // The same computation as `flowmeter evaluate`, so the numbers agree.
        this.result = Metrics.evaluate(in.labels(), in.scores(), in.model().threshold(), in.packets(), in.bytes());
        this.sweep = ThresholdSweep.of(in.labels(), in.scores(), in.packets(), in.bytes());
    }

    public static void write(ReportInput in, Path file) throws IOException {
        Files.writeString(file, render(in), StandardCharsets.UTF_8);
    }

    public static String render(ReportInput in) {
        return new HtmlReport(in).document();
    }

    private String document() {
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>flowmeter report</title>\n<style>").append(Style.CSS).append("</style></head><body>\n")
                .append("<h1>flowmeter report</h1>\n<p class=\"sub\">Model ").append(escape(in.model().name()))
                .append(", threshold ").append(number(in.model().threshold())).append("</p>\n")
                .append("<nav><a href=\"#summary\">Traffic summary</a> · <a href=\"#features\">Feature profiles</a> · ")
                .append("<a href=\"#model\">Model quality</a> · <a href=\"#classification\">Classification summary</a></nav>\n");
        trafficSummary();
        featureProfiles();
        modelQuality();
        classificationSummary();
        out.append("</body></html>\n");
        return out.toString();
    }

    private void trafficSummary() {
        long malicious = result.tp() + result.fn();
        section("summary", "Traffic summary");
        out.append("<div class=\"cards\">");
        card("flows", count(in.size()));
        card("packets", in.packets() == null ? "unknown" : count(sum(in.packets())));
        card("bytes", in.bytes() == null ? "unknown" : count(sum(in.bytes())));
        card("benign flows", count(in.size() - malicious));
        card("malicious flows", count(malicious));
        out.append("</div>\n");
        if (in.droppedRows() > 0) {
            out.append("<p>").append(count(in.droppedRows()))
                    .append(" flows left out: a feature was missing or not finite.</p>\n");
        }
        out.append("<table><tr><th>input</th><th>benign</th><th>malicious</th></tr>\n");
        for (ReportInput.InputCounts c : in.inputs()) {
            out.append("<tr><td>").append(escape(c.name())).append("</td><td class=\"n\">").append(count(c.benign()))
                    .append("</td><td class=\"n\">").append(count(c.malicious())).append("</td></tr>\n");
        }
        out.append("</table>\n</section>\n");
    }

    private void featureProfiles() {
        section("features", "Feature profiles");
        String[] names = in.model().features();
        double[][] columns = new double[names.length][];
        for (int j = 0; j < names.length; j++) {
            columns[j] = column(j);
        }
        List<FeatureSeparation> chosen = ProfileSelection.choose(names, columns, in.labels(), PROFILES);
        out.append("<p>The ").append(chosen.size()).append(" features that best separate the classes on their own ")
                .append("(single-feature ROC AUC, shown as max(AUC, 1 − AUC)), of the model's ").append(names.length)
                .append("; constant features and features that order the flows as one already shown (the same ")
                .append("quantity in another unit or feature set) are left out. Each class is drawn as shares of its ")
                .append("own flows. Non-negative features spanning orders of magnitude are on a log scale, ")
                .append("zeros in the leftmost bin.</p>\n<div class=\"grid\">\n");
        for (FeatureSeparation f : chosen) {
            out.append(ProfileChart.svg(f.name(), f.separation(), Histogram.of(columns[f.column()], in.labels(), BINS)));
        }
        out.append("</div>\n</section>\n");
    }

    private void modelQuality() {
        section("model", "Model quality");
        double opFpr = result.fpr();
        double opRecall = result.recall();
        double opPrecision = result.tp() + result.fp() == 0 ? 1 : result.precision();
        out.append("<div class=\"grid\">\n");
        image("ROC curve", Charts.roc(sweep, result.rocAuc(), opFpr, opRecall));
        image("Precision-recall curve", Charts.precisionRecall(sweep, result.prAuc(), opRecall, opPrecision));
        out.append("</div>\n");
        confusionMatrix();
        out.append("<h3>Forwarded share</h3>\n<p>For every threshold: the share of flows")
                .append(in.packets() == null ? "" : ", packets and bytes")
                .append(" that would be forwarded, against the share of malicious flows caught. ")
                .append("The diamond is the model's threshold.</p>\n");
        image("Forwarded share vs recall", Charts.forwardedShare(sweep, opRecall, result.forwardedFlowShare()));
        weights();
        out.append("</section>\n");
    }

    private void confusionMatrix() {
        out.append("<h3>Confusion matrix at threshold ").append(number(in.model().threshold())).append("</h3>\n")
                .append("<table class=\"confusion\"><tr><th></th><th>flagged malicious</th><th>passed as benign</th></tr>\n")
                .append("<tr><th>malicious</th><td id=\"tp\" class=\"n good\">").append(result.tp())
                .append("</td><td id=\"fn\" class=\"n bad\">").append(result.fn()).append("</td></tr>\n")
                .append("<tr><th>benign</th><td id=\"fp\" class=\"n bad\">").append(result.fp())
                .append("</td><td id=\"tn\" class=\"n good\">").append(result.tn()).append("</td></tr>\n</table>\n")
                .append("<p>accuracy ").append(number(result.accuracy())).append(" · precision ").append(number(result.precision()))
                .append(" · recall ").append(number(result.recall())).append(" · false-positive rate ").append(number(result.fpr()))
                .append(" · F1 ").append(number(result.f1())).append(" · ROC AUC ").append(number(result.rocAuc()))
                .append(" · PR AUC ").append(number(result.prAuc())).append("</p>\n");
    }

    private void weights() {
        ModelSummary m = in.model();
        double largest = 0;
        for (double w : m.weights()) {
            largest = Math.max(largest, Math.abs(w));
        }
        Integer[] order = byDescending(m.weights().length, j -> Math.abs(m.weights()[j]));
        int shown = Math.min(WEIGHTS, order.length);
        out.append("<h3>Weights by magnitude</h3>\n<p>The ").append(shown).append(" largest of ").append(order.length)
                .append(" weights. Weights act on standardized features; positive pushes ")
                .append("towards malicious. Intercept ").append(number(m.intercept())).append(".</p>\n")
                .append("<table class=\"weights\"><tr><th>#</th><th>feature</th><th>weight</th><th></th></tr>\n");
        for (int r = 0; r < shown; r++) {
            double w = m.weights()[order[r]];
            double width = largest == 0 ? 0 : 100 * Math.abs(w) / largest;
            out.append("<tr><td class=\"n\">").append(r + 1).append("</td><td>").append(escape(m.features()[order[r]]))
                    .append("</td><td class=\"n\">").append(number(w)).append("</td><td class=\"bar\"><span class=\"")
                    .append(w >= 0 ? "pos" : "neg").append("\" style=\"width:").append(String.format(java.util.Locale.ROOT, "%.1f", width))
                    .append("%\"></span></td></tr>\n");
        }
        out.append("</table>\n");
    }

    private void classificationSummary() {
        section("classification", "Classification summary");
        out.append("<div class=\"cards\">");
        card("forwarded (malicious verdict)", count(result.tp() + result.fp()));
        card("passed (benign verdict)", count(result.tn() + result.fn()));
        card("forwarded flow share", share(result.forwardedFlowShare()));
        if (result.forwardedPacketShare() != null) {
            card("forwarded packet share", share(result.forwardedPacketShare()));
            card("forwarded byte share", share(result.forwardedByteShare()));
        }
        out.append("</div>\n");
        topFlows();
        out.append("</section>\n");
    }

    /** Flows carry no identifiers here, so the most suspicious are shown by their features and label. */
    private void topFlows() {
        ModelSummary m = in.model();
        Integer[] keys = byDescending(m.weights().length, j -> Math.abs(m.weights()[j]));
        int shownKeys = Math.min(KEY_FEATURES, keys.length);
        Integer[] flows = byDescending(in.size(), i -> in.scores()[i]);
        int shown = Math.min(TOP_FLOWS, flows.length);
        out.append("<h3>The ").append(shown).append(" most suspicious flows</h3>\n")
                .append("<p>By score, with the features of the largest weights; flows are shown by their features ")
                .append("as the labelled flows carry no addresses.</p>\n")
                .append("<table class=\"top\"><tr><th>#</th><th>score</th><th>verdict</th><th>label</th>");
        if (in.packets() != null) {
            out.append("<th>packets</th><th>bytes</th>");
        }
        for (int k = 0; k < shownKeys; k++) {
            out.append("<th>").append(escape(m.features()[keys[k]])).append("</th>");
        }
        out.append("</tr>\n");
        for (int r = 0; r < shown; r++) {
            int i = flows[r];
            boolean malicious = in.labels()[i] == Dataset.MALICIOUS;
            boolean flagged = in.scores()[i] >= m.threshold();
            out.append("<tr><td class=\"n\">").append(r + 1).append("</td><td class=\"n\">").append(number(in.scores()[i]))
                    .append("</td><td>").append(flagged ? "forward" : "pass").append("</td><td class=\"")
                    .append(malicious ? "bad" : "good").append("\">").append(malicious ? "malicious" : "benign").append("</td>");
            if (in.packets() != null) {
                out.append("<td class=\"n\">").append(count(in.packets()[i])).append("</td><td class=\"n\">")
                        .append(in.bytes() == null ? "" : count(in.bytes()[i])).append("</td>");
            }
            for (int k = 0; k < shownKeys; k++) {
                out.append("<td class=\"n\">").append(FeatureUnit.of(m.features()[keys[k]]).format(in.rows()[i][keys[k]]))
                        .append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n");
    }

    private double[] column(int j) {
        double[] values = new double[in.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.rows()[i][j];
        }
        return values;
    }

    private void section(String id, String title) {
        out.append("<section id=\"").append(id).append("\"><h2>").append(title).append("</h2>\n");
    }

    private void card(String label, String value) {
        out.append("<div class=\"card\"><div class=\"v\">").append(value).append("</div><div class=\"l\">")
                .append(escape(label)).append("</div></div>");
    }

    private void image(String alt, String dataUri) {
        out.append("<img alt=\"").append(escape(alt)).append("\" src=\"").append(dataUri).append("\">\n");
    }

    private static Integer[] byDescending(int n, java.util.function.IntToDoubleFunction key) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> key.applyAsDouble(i)).reversed());
        return order;
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}
