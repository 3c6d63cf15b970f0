package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CliRun.fixture;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A report of the benchmark fixture with a model trained here, checked against `flowmeter evaluate`. */
class ReportCommandTest {
    private static final String HOST = "192.0.2.1";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern IMG_SRC = Pattern.compile("<img[^>]*\\ssrc=\"([^\"]*)\"");
    private static final Pattern LINK = Pattern.compile("\\s(?:src|href)=\"(https?://[^\"]*)\"");

    @TempDir
    Path dir;

    private Path model;
    private Path report;
    private String html;

    @BeforeEach
    void trainAndReport() throws IOException {
        model = dir.resolve("model.json");
        CliRun train = CliRun.of("train", fixture("bench_small.pcap"), "--malicious-host", HOST, "-o", model.toString(),
                "--folds", "3", "--cs", "0.5,1", "--penalties", "l2", "--intercept", "true",
                "--class-weights", "1:99", "--no-log-transform");
        assertThat(train.exitCode()).as(train.err()).isZero();
        report = dir.resolve("report.html");
        CliRun run = CliRun.of("report", fixture("bench_small.pcap"), "--malicious-host", HOST,
                "--model", model.toString(), "-o", report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        html = Files.readString(report);
    }

    @Test
    void hasEverySection() {
        assertThat(html).contains("Traffic summary", "Feature profiles", "Model quality", "ROC curve",
                "Precision-recall", "Confusion matrix", "Forwarded share", "Weights by magnitude",
                "Classification summary", "most suspicious flows");
        assertThat(html).contains(">179<", ">161<", ">18<"); // flows, benign, malicious
    }

    @Test
    void everyImageIsEmbeddedAndDecodes() throws IOException {
        List<String> sources = new ArrayList<>();
        Matcher m = IMG_SRC.matcher(html);
        while (m.find()) {
            sources.add(m.group(1));
        }
        // ROC, precision-recall and forwarded share; the feature profiles are inline SVG.
        assertThat(sources).hasSize(3);
        assertThat(html.split("<svg class=\"chart\"", -1)).hasSize(21); // the 20 most separating of 39
        for (String src : sources) {
            assertThat(src).startsWith("data:image/png;base64,");
            byte[] png = Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image).isNotNull();
            assertThat(image.getWidth()).isGreaterThan(100);
            assertThat(image.getHeight()).isGreaterThan(100);
        }
        assertThat(LINK.matcher(html).find()).as("links to the net").isFalse();
    }

    @Test
    void confusionMatrixAgreesWithEvaluate() throws IOException {
        Path metrics = dir.resolve("eval.json");
        CliRun eval = CliRun.of("evaluate", fixture("bench_small.pcap"), "--malicious-host", HOST,
                "--model", model.toString(), "--metrics-json", metrics.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        JsonNode expected = JsonMapper.builder().build().readTree(metrics.toFile());
        for (String cell : new String[] {"tp", "fp", "tn", "fn"}) {
            assertThat(cellOf(cell)).as(cell).isEqualTo(expected.get(cell).asLong());
        }
    }

    @Test
    void rendersInHeadlessChromium() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed");
        Path shot = dir.resolve("shot.png");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + dir.resolve("chromium-profile"), "--screenshot=" + shot,
                "--window-size=1280,2000", report.toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(shot).exists();
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1280);
    }

    private long cellOf(String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>(\\d+)<").matcher(html);
        assertThat(m.find()).as("cell " + id).isTrue();
        return Long.parseLong(m.group(1));
    }
}
