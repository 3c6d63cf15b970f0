package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} takes classify's detector options. scan_lo.pcap: 127.0.0.2 sends SYNs to 20 closed
 * ports of 127.0.0.1 (tshark: 20 SYNs, each answered by RST-ACK) and fetches a page once amid them
 * (21 flows from 127.0.0.2); 127.0.0.3 fetches the page twice. The bundled model flags none of the
 * 23 flows; {@code scan} flags the 21 of 127.0.0.2 (20 ports of one host, over its 15).
 */
class ReportDetectorOptionsTest {
    @TempDir
    Path dir;

    @Test
    void theTriagePageFollowsTheDetectorOptions() throws IOException {
        String all = report("triage.html");
        assertThat(card(all, "flows")).isEqualTo("23");
        assertThat(card(all, "flagged")).isEqualTo("21");
        assertThat(count(all, "<td>malicious</td><td>scan</td>")).isEqualTo(21);

        String none = report("none.html", "--no-detectors");
        assertThat(card(none, "flagged")).isEqualTo("0");
        assertThat(count(none, "<td>benign</td><td>model</td>")).isEqualTo(23);

        assertThat(card(report("ports.html", "--scan-ports", "25"), "flagged"))
                .as("20 ports stay under a threshold of 25").isEqualTo("0");
        assertThat(card(report("beacon.html", "--detectors", "beacon"), "flagged"))
                .as("only the beacon detector").isEqualTo("0");
        assertThat(card(report("scan.html", "--detectors", "scan"), "flagged")).isEqualTo("21");
    }

    @Test
    void theLabelledPageCountsDetectorFlagsAsEvaluateDoes() throws IOException {
        String with = report("labelled.html", "--malicious-host", "127.0.0.2");
        assertThat(cells(with)).containsExactly(21L, 0L, 2L, 0L);
        String without = report("model-only.html", "--malicious-host", "127.0.0.2", "--no-detectors");
        assertThat(cells(without)).containsExactly(0L, 0L, 2L, 21L);
    }

    @Test
    void aThresholdOutOfRangeIsAUsageError() {
        CliRun run = CliRun.of("report", fixture("scan_lo.pcap"), "-o", dir.resolve("x.html").toString(),
                "--scan-hosts", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--scan-hosts must be at least 1");
    }

    private String report(String name, String... options) throws IOException {
        Path page = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("report", fixture("scan_lo.pcap"), "-o", page.toString()));
        args.addAll(List.of(options));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Files.readString(page);
    }

    private static String card(String html, String id) {
        Matcher m = Pattern.compile("<div class=\"v\" id=\"" + id + "\">([^<]*)</div>").matcher(html);
        assertThat(m.find()).as("card " + id).isTrue();
        return m.group(1);
    }

    private static int count(String html, String text) {
        return html.split(Pattern.quote(text), -1).length - 1;
    }

    /** The confusion matrix: true positives, false positives, true negatives, false negatives. */
    private static List<Long> cells(String html) {
        List<Long> out = new ArrayList<>();
        for (String id : new String[] {"tp", "fp", "tn", "fn"}) {
            Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>(\\d+)<").matcher(html);
            assertThat(m.find()).as("cell " + id).isTrue();
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }
}
