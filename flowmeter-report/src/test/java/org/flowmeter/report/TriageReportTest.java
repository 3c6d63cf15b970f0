package org.flowmeter.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.feature.DeepfenceFeatures;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.flow.FlowPipeline;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The triage report of the benchmark fixture, every flow touching 192.0.2.1 flagged by a rule
 * (so what is flagged is known without a model). Expected numbers come from Wireshark's tools:
 * capinfos (packets, first and last packet), tshark (bytes as the sum of frame.len; 121 TCP and
 * 53 UDP streams and 5 ICMP echo exchanges make 179 flows; 18 conversations, 219 packets and
 * 161,011 bytes touch 192.0.2.1), summed in fixtures/golden/bench_small.pcap.conv.csv.
 */
class TriageReportTest {
    static final Path BENCH = Path.of("").toAbsolutePath().getParent().resolve("fixtures/captures/bench_small.pcap");
    private static final String HOST = "192.0.2.1";

    private static TriageInput input;
    private static String html;

    @BeforeAll
    static void classifyAndRender() throws IOException {
        input = flagHost(HOST);
        html = TriageReport.render(input);
    }

    /** Reads the fixture through the flow meter; flows touching {@code host} get score 1 and are flagged by "rule". */
    static TriageInput flagHost(String host) throws IOException {
        TriageCollector collector = new TriageCollector(flow -> {
            TriageFlow f = TriageFlow.of(flow, 0, false, null);
            boolean hit = f.src().equals(host) || f.dst().equals(host);
            return new TriageCollector.Verdict(hit ? 1.0 : flow.packets() / 1000.0, hit, hit ? "rule" : null);
        });
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(new DeepfenceFeatures()), collector);
        FlowPipeline pipeline = new FlowPipeline(new PacketDecoder(), meter);
        try (PacketSource source = Captures.open(BENCH.toString())) {
            pipeline.run(source, null);
        }
        meter.finish();
        return new TriageInput("test rule", 0.5, List.of("bench_small.pcap"), pipeline.packetsRead(),
                pipeline.wireBytesRead(), collector.flows());
    }

    @Test
    void summaryAgreesWithCapinfosAndTshark() {
        assertThat(card("packets")).isEqualTo("2,500");
        assertThat(card("bytes")).isEqualTo("1,575,207");
        assertThat(card("flows")).isEqualTo("179");
        assertThat(card("flagged")).isEqualTo("18");
        assertThat(card("flow-share")).isEqualTo("10.06%"); // 18 / 179
        assertThat(card("packet-share")).isEqualTo("8.76%"); // 219 / 2500
        assertThat(card("byte-share")).isEqualTo("10.22%"); // 161,011 / 1,575,207
        assertThat(card("span")).isEqualTo("975 ms"); // capinfos: 0.974916 s
        assertThat(html).contains("<time id=\"first\">2023-11-14T22:13:20.002022Z</time>",
                "<time id=\"last\">2023-11-14T22:13:20.976938Z</time>");
    }

    @Test
    void hasEverySectionAndOnlyInlineResources() {
        for (String id : new String[] {"summary", "timeline", "talkers", "flows"}) {
            assertThat(html).contains("<section id=\"" + id + "\">");
        }
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</body></html>\n");
        assertThat(html).doesNotContainPattern("(?i)<(script|img|link)[^>]*\\s(src|href)=");
        assertThat(html).doesNotContainPattern("(?i)(src|href)=\"https?:");
        assertThat(count("<svg class=\"chart\"")).isEqualTo(2);
        assertThat(count("<script>")).isEqualTo(1);
    }

    @Test
    void topTalkerAndServicesAreTheFlaggedHostsConversations() {
        // 192.0.2.1 sent the first packet of 5 of its 18 conversations, each with another client.
        assertThat(rows("talkers-table").get(0)).containsExactly(HOST, "5", "5", "5", "1.0000");
        // Of the 18: 4 to TCP port 22 and 4 to UDP port 53; all flows to them: 32 and 20.
        List<List<String>> services = rows("services-table");
        assertThat(services.get(0)).containsExactly("TCP/22", "4", "32", "4", "1.0000");
        assertThat(services.get(1)).containsExactly("UDP/53", "4", "20", "4", "1.0000");
    }

    @Test
    void flowTableListsFlaggedFlowsFirstWithAddressesPortsAndTimes() {
        List<List<String>> rows = rows("flow-table");
        assertThat(rows).hasSize(TriageReport.MIN_TABLE_ROWS);
        for (int r = 0; r < 18; r++) {
            assertThat(rows.get(r)).as("row " + r).contains(HOST, "malicious", "rule");
        }
        assertThat(rows.get(18)).contains("benign", "model").doesNotContain(HOST);
        // tshark: tcp.port == 48583 has 49 frames, 42,185 bytes, the first at epoch 1700000000.008724.
        assertThat(rows).anySatisfy(row -> assertThat(row.subList(1, 13)).containsExactly(
                "2023-11-14T22:13:20.008724Z", "10.1.5.91", "48583", HOST, "80", "TCP", "49", "42185",
                row.get(9), "1.0000", "malicious", "rule"));
    }

    @Test
    void timelineCountsEveryFlowOnce() {
        Timeline t = Timeline.of(input.flows(), TriageReport.TIMELINE_BUCKETS);
        long flagged = 0;
        long passed = 0;
        for (int b = 0; b < t.buckets(); b++) {
            flagged += t.flagged[b];
            passed += t.passed[b];
        }
        assertThat(flagged).isEqualTo(18);
        assertThat(passed).isEqualTo(179 - 18);
        // Starts from .002022 to before .977 s: 20 ms buckets, the first at 22:13:20.000.
        assertThat(t.width).isEqualTo(20_000_000L);
        assertThat(t.buckets()).isEqualTo(49);
        assertThat(t.clock(t.start)).isEqualTo("22:13:20.000");
    }

    @Test
    void emptyInputStillRenders() {
        String empty = TriageReport.render(new TriageInput("m", 0.5, List.of("none.pcap"), 0, 0, List.of()));
        assertThat(empty).contains("No flow was read.", "No flows.", "No flow was flagged.");
    }

    private String card(String id) {
        Matcher m = Pattern.compile("<div class=\"v\" id=\"" + id + "\">([^<]*)</div>").matcher(html);
        assertThat(m.find()).as("card " + id).isTrue();
        return m.group(1);
    }

    private int count(String s) {
        int n = 0;
        for (int i = html.indexOf(s); i >= 0; i = html.indexOf(s, i + 1)) {
            n++;
        }
        return n;
    }

    /** The text of each body row's cells of the table with this id. */
    private List<List<String>> rows(String tableId) {
        int start = html.indexOf("<table id=\"" + tableId + "\">");
        assertThat(start).as(tableId).isGreaterThanOrEqualTo(0);
        String table = html.substring(html.indexOf("<tbody>", start), html.indexOf("</tbody>", start));
        List<List<String>> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr[^>]*>(.*?)</tr>").matcher(table);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>").matcher(row.group(1));
            while (cell.find()) {
                cells.add(cell.group(1).replaceAll("<[^>]*>", ""));
            }
            rows.add(cells);
        }
        return rows;
    }
}
