package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code flowmeter report} without labels: a triage report that agrees with {@code classify}, checked in Chromium. */
class TriageReportCommandTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern ROW = Pattern.compile("<tr( class=\"flagged\")?( hidden=\"\")?>(<td.*?)</tr>");

    @TempDir
    Path dir;

    private Path report;
    private String html;

    @BeforeEach
    void report() throws IOException {
        report = dir.resolve("triage.html");
        CliRun run = CliRun.of("report", fixture("bench_small.pcap"), "-o", report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        html = Files.readString(report);
    }

    @Test
    void runsWithoutLabelsAndAgreesWithClassify() throws IOException {
        Path summary = dir.resolve("summary.json");
        CliRun classify = CliRun.of("classify", fixture("bench_small.pcap"), "-o", dir.resolve("v.csv").toString(),
                "--forward", dir.resolve("fwd.pcap").toString(), "--summary-json", summary.toString());
        assertThat(classify.exitCode()).as(classify.err()).isZero();
        JsonNode s = JsonMapper.builder().build().readTree(summary.toFile());
        assertThat(card("flows")).isEqualTo(String.format("%,d", s.get("flows").asLong()));
        assertThat(card("flagged")).isEqualTo(String.format("%,d", s.get("flows_forwarded").asLong()));
        assertThat(card("packets")).isEqualTo(String.format("%,d", s.get("packets").asLong()));
        assertThat(card("packet-share")).isEqualTo(
                String.format(java.util.Locale.ROOT, "%.2f%%", 100 * s.get("forwarded_packet_share").asDouble()));
        assertThat(card("byte-share")).isEqualTo(
                String.format(java.util.Locale.ROOT, "%.2f%%", 100 * s.get("forwarded_byte_share").asDouble()));
        assertThat(html).contains("flowmeter triage report", "bundled default model", "Top talkers and services");
    }

    @Test
    void aDamagedCaptureStillGivesTheReportOfWhatWasReadThenFails() throws IOException {
        // The first 100,000 bytes of the fixture: tshark reads 147 packets, then "cut short in the middle of a packet".
        Path cut = dir.resolve("cut.pcap");
        byte[] all = Files.readAllBytes(Path.of(fixture("bench_small.pcap")));
        Files.write(cut, java.util.Arrays.copyOf(all, 100_000));
        Path partial = dir.resolve("partial.html");
        CliRun run = CliRun.of("report", cut.toString(), "-o", partial.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("truncated record");
        html = Files.readString(partial);
        assertThat(card("packets")).isEqualTo("147");
    }

    @Test
    @Tag("e2e")
    void screenshotOfTheUnlabelledPage() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed");
        // The bundled model flags few of the sample's flows: its median score as the threshold flags about half.
        Path half = dir.resolve("half.html");
        assertThat(CliRun.of("report", fixture("bench_small.pcap"), "-o", half.toString(),
                "--threshold", TestModels.medianBundledScore(fixture("bench_small.pcap"), dir.resolve("scores.csv")))
                .exitCode()).isZero();
        Path shot = dir.resolve("shot.png");
        chromium("--screenshot=" + shot, "--window-size=1280,2400", half.toUri().toString());
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1280);
        // The time line's flagged bars (#d64541) and passed bars (#9dbbd9) were drawn.
        assertThat(pixels(image, 0xd64541)).isGreaterThan(500);
        assertThat(pixels(image, 0x9dbbd9)).isGreaterThan(500);
    }

    @Test
    @Tag("e2e")
    void tableFiltersAndSortsFromTheAddress() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed");
        List<String[]> rows = rows(html);
        String host = rows.get(0)[2]; // the source of the most suspicious flow
        long withHost = rows.stream().filter(r -> r[2].equals(host) || r[4].equals(host)).count();
        String dom = chromium("--dump-dom", report.toUri() + "#q=%22" + host + "%22&sort=-bytes");
        assertThat(dom).contains("<span id=\"flow-count\">" + withHost + " of " + rows.size() + " flows shown</span>");
        List<String[]> sorted = rows(dom.substring(dom.indexOf("id=\"flow-table\"")));
        long largest = rows.stream().mapToLong(r -> Long.parseLong(r[8])).max().orElseThrow();
        assertThat(Long.parseLong(sorted.get(0)[8])).isEqualTo(largest);
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(Long.parseLong(sorted.get(i)[8])).isLessThanOrEqualTo(Long.parseLong(sorted.get(i - 1)[8]));
        }
        assertThat(dom).contains("aria-sort=\"descending\"");
    }

    private String chromium(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + dir.resolve("chromium-profile")));
        command.addAll(List.of(args));
        Path out = dir.resolve("chromium.out");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(dir.resolve("chromium.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static long pixels(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The cells of the flow table's rows, in document order. */
    private static List<String[]> rows(String page) {
        int start = page.indexOf("<tbody>", page.indexOf("id=\"flow-table\""));
        String body = page.substring(start, page.indexOf("</tbody>", start));
        List<String[]> out = new ArrayList<>();
        Matcher m = ROW.matcher(body);
        while (m.find()) {
            out.add(m.group(3).replaceAll("<td[^>]*>", "").split("</td>"));
        }
        return out;
    }

    private String card(String id) {
        Matcher m = Pattern.compile("<div class=\"v\" id=\"" + id + "\">([^<]*)</div>").matcher(html);
        assertThat(m.find()).as("card " + id).isTrue();
        return m.group(1);
    }
}
