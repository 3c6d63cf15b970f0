package org.flowmeter.report;

import static org.flowmeter.report.Html.count;
import static org.flowmeter.report.Html.escape;
import static org.flowmeter.report.Html.number;
import static org.flowmeter.report.Html.share;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The report for triage, without labels: what was seen, when the flagged flows came, who sent
 * them to which services, and the flows to look at first in a table one can sort and filter.
 * One self-contained HTML file: inline SVG, style and script, nothing fetched.
 */
public final class TriageReport {
    static final int TOP_TALKERS = 10;
    static final int TIMELINE_BUCKETS = 60;
    /** The table lists every flagged flow up to this many (the highest scores)... */
    static final int MAX_TABLE_ROWS = 1000;
    /** ...and at least this many flows, so there is something to look at when little was flagged. */
    static final int MIN_TABLE_ROWS = 50;

    private final TriageInput in;
    private final TriageSummary summary;
    private final StringBuilder out = new StringBuilder();

    private TriageReport(TriageInput in) {
        this.in = in;
        this.summary = TriageSummary.of(in);
    }

    public static void write(TriageInput in, Path file) throws IOException {
        Files.writeString(file, render(in), StandardCharsets.UTF_8);
    }

    public static String render(TriageInput in) {
        return new TriageReport(in).document();
    }

    private String document() {
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>flowmeter triage report</title>\n<style>").append(Style.CSS).append(Style.TRIAGE_CSS)
                .append("</style></head><body>\n")
                .append("<h1>flowmeter triage report</h1>\n<p class=\"sub\">Model ").append(escape(in.modelName()))
                .append(", threshold ").append(number(in.threshold())).append(" · ")
                .append(escape(String.join(", ", in.inputs()))).append("</p>\n")
                .append("<nav><a href=\"#summary\">Summary</a> · <a href=\"#timeline\">Time line</a> · ")
                .append("<a href=\"#talkers\">Top talkers and services</a> · <a href=\"#flows\">Flows to look at</a></nav>\n");
        summarySection();
        timelineSection();
        talkersSection();
        flowsSection();
        out.append("<script>").append(FlowTableScript.JS).append("</script>\n</body></html>\n");
        return out.toString();
    }

    private void summarySection() {
        TriageSummary s = summary;
        section("summary", "Summary");
        out.append("<div class=\"cards\">");
        card("time span", "span", Html.duration(s.spanSeconds()));
        card("packets", "packets", count(s.packets()));
        card("bytes", "bytes", count(s.bytes()));
        card("flows", "flows", count(s.flows()));
        card("flagged flows", "flagged", count(s.flagged()));
        card("forwarded flow share", "flow-share", share(s.flowShare()));
        card("forwarded packet share", "packet-share", share(s.packetShare()));
        card("forwarded byte share", "byte-share", share(s.byteShare()));
        out.append("</div>\n");
        if (s.flows() > 0) {
            out.append("<p>From <time id=\"first\">").append(Html.isoTime(s.firstNanos())).append("</time> to <time id=\"last\">")
                    .append(Html.isoTime(s.lastNanos())).append("</time> (first packet to last packet of any flow). ");
        } else {
            out.append("<p>No flow was read. ");
        }
        out.append("Forwarded: the flows flagged malicious, with every packet and byte of them, as ")
                .append("<code>flowmeter classify --forward</code> writes them; shares are of everything read.</p>\n")
                .append("</section>\n");
    }

    private void timelineSection() {
        section("timeline", "Time line");
        if (in.flows().isEmpty()) {
            out.append("<p>No flows.</p></section>\n");
            return;
        }
        Timeline t = Timeline.of(in.flows(), TIMELINE_BUCKETS);
        out.append("<p>Flows by the time they started, flagged ones in red; below, the flagged flows alone on their ")
                .append("own scale. Hover a bar for its counts.</p>\n")
                .append(t.allFlowsSvg()).append(t.flaggedSvg()).append("</section>\n");
    }

    private void talkersSection() {
        section("talkers", "Top talkers and services");
        List<Talkers.Row> sources = Talkers.sources(in.flows(), TOP_TALKERS);
        List<Talkers.Row> services = Talkers.services(in.flows(), TOP_TALKERS);
        if (sources.isEmpty()) {
            out.append("<p>No flow was flagged.</p></section>\n");
            return;
        }
        out.append("<p>By flagged flows. A flow's source is the side that sent its first packet. ")
                .append("Click a name to list its flows below.</p>\n<div class=\"side\">\n");
        talkerTable("talkers-table", "source", "destinations", sources);
        talkerTable("services-table", "service", "sources", services);
        out.append("</div>\n</section>\n");
    }

    private void talkerTable(String id, String what, String peers, List<Talkers.Row> rows) {
        out.append("<table id=\"").append(id).append("\"><thead><tr><th>").append(what)
                .append("</th><th>flagged flows</th><th>all flows</th><th>").append(peers)
                .append(" (flagged)</th><th>highest score</th></tr></thead><tbody>\n");
        for (Talkers.Row r : rows) {
            out.append("<tr><td><a href=\"#flows\" data-filter=\"&quot;").append(escape(r.key())).append("&quot;\">")
                    .append(escape(r.key())).append("</a></td><td class=\"n\">").append(count(r.flagged()))
                    .append("</td><td class=\"n\">").append(count(r.flows())).append("</td><td class=\"n\">")
                    .append(count(r.flaggedPeers())).append("</td><td class=\"n\">").append(score(r.maxScore()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private void flowsSection() {
        section("flows", "Flows to look at");
        List<TriageFlow> rows = tableRows();
        out.append("<p>The ").append(count(rows.size())).append(" highest-scoring of ").append(count(summary.flows()))
                .append(" flows (").append(count(summary.flagged())).append(" flagged")
                .append(summary.flagged() > rows.size() ? "; the rest of them score lower than these" : "")
                .append("). Click a column to sort; type to filter (every word must appear in the row; ")
                .append("a word in double quotes must be a whole cell, as in <code>\"10.0.0.5\"</code>).</p>\n")
                .append("<p><input id=\"flow-filter\" type=\"search\" placeholder=\"filter: address, port, protocol…\" ")
                .append("aria-label=\"filter flows\"> <span id=\"flow-count\"></span></p>\n")
                .append("<div class=\"scroll\"><table id=\"flow-table\"><thead><tr>")
                .append("<th class=\"num\">#</th><th>start (UTC)</th><th>source</th><th class=\"num\">port</th>")
                .append("<th>destination</th><th class=\"num\">port</th><th>protocol</th><th class=\"num\">packets</th>")
                .append("<th class=\"num\">bytes</th><th class=\"num\">duration</th><th class=\"num\">score</th>")
                .append("<th>verdict</th><th>decided by</th></tr></thead><tbody>\n");
        for (int r = 0; r < rows.size(); r++) {
            TriageFlow f = rows.get(r);
            double seconds = (f.endNanos() - f.startNanos()) / 1e9;
            out.append("<tr").append(f.flagged() ? " class=\"flagged\"" : "").append("><td class=\"n\">").append(r + 1)
                    .append("</td><td>").append(Html.isoTime(f.startNanos())).append("</td><td>").append(escape(f.src()))
                    .append("</td><td class=\"n\">").append(f.srcPort()).append("</td><td>").append(escape(f.dst()))
                    .append("</td><td class=\"n\">").append(f.dstPort()).append("</td><td>").append(escape(f.protocol()))
                    .append("</td><td class=\"n\">").append(f.packets()).append("</td><td class=\"n\">").append(f.bytes())
                    .append("</td><td class=\"n\" data-v=\"").append(seconds).append("\">")
                    .append(FeatureUnit.SECONDS.format(seconds)).append("</td><td class=\"n\">").append(score(f.score()))
                    .append("</td><td>").append(f.flagged() ? "malicious" : "benign").append("</td><td>")
                    .append(escape(f.decider())).append("</td></tr>\n");
        }
        out.append("</tbody></table></div>\n</section>\n");
    }

    /** Highest scores first; every flagged flow up to the maximum, at least the minimum. */
    List<TriageFlow> tableRows() {
        List<TriageFlow> sorted = new ArrayList<>(in.flows());
        sorted.sort(Comparator.comparingDouble(TriageFlow::score).reversed()
                .thenComparingLong(TriageFlow::startNanos));
        long wanted = Math.max(MIN_TABLE_ROWS, Math.min(MAX_TABLE_ROWS, summary.flagged()));
        return sorted.subList(0, (int) Math.min(wanted, sorted.size()));
    }

    private static String score(double s) {
        return String.format(java.util.Locale.ROOT, "%.4f", s);
    }

    private void section(String id, String title) {
        out.append("<section id=\"").append(id).append("\"><h2>").append(title).append("</h2>\n");
    }

    private void card(String label, String id, String value) {
        out.append("<div class=\"card\"><div class=\"v\" id=\"").append(id).append("\">").append(escape(value))
                .append("</div><div class=\"l\">").append(escape(label)).append("</div></div>");
    }
}
