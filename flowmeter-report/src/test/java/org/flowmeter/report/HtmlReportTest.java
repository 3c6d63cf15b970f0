package org.flowmeter.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The labelled report on made-up flows whose features are known: what is charted, what is listed. */
class HtmlReportTest {
    private static final int FLOWS = 400;
    private static final int FEATURES = 30;
    private static final Pattern PROFILE = Pattern.compile("<svg class=\"chart\"[^>]*aria-label=\"([^\"]*)\"");

    private static String html;
    private static String[] names;

    @BeforeAll
    static void render() {
        Random random = new Random(7);
        names = new String[FEATURES];
        double[][] rows = new double[FLOWS][FEATURES];
        int[] labels = new int[FLOWS];
        double[] scores = new double[FLOWS];
        for (int i = 0; i < FLOWS; i++) {
            labels[i] = i % 4 == 0 ? 1 : 0;
            scores[i] = random.nextDouble();
            for (int j = 3; j < FEATURES; j++) {
                rows[i][j] = Math.round(random.nextDouble() * 100 + labels[i] * j);
            }
            rows[i][0] = 42; // constant
            rows[i][1] = 1000.0 * (1 + random.nextInt(5000) + labels[i] * 3000); // flowDuration, ns
            rows[i][2] = rows[i][1] / 1000; // Flow Duration, the same in µs
        }
        names[0] = "constant";
        names[1] = "flowDuration";
        names[2] = "Flow Duration";
        for (int j = 3; j < FEATURES; j++) {
            names[j] = "packetSizeMax" + j;
        }
        double[] weights = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            weights[j] = (j % 2 == 0 ? 1 : -1) * (j + 1) / 10.0;
        }
        ModelSummary model = new ModelSummary("synthetic", names, weights, 0.1, 0.5);
        ReportInput in = new ReportInput(List.of(new ReportInput.InputCounts("made up", 300, 100)), rows, labels,
                scores, null, null, model, 0);
        html = HtmlReport.render(in);
    }

    @Test
    void chartsTwentyProfilesWithoutConstantsOrDuplicates() {
        List<String> charted = new ArrayList<>();
        Matcher m = PROFILE.matcher(html);
        while (m.find()) {
            charted.add(m.group(1));
        }
        assertThat(charted).hasSize(HtmlReport.PROFILES);
        assertThat(charted).doesNotContain("constant");
        // flowDuration separates best (malicious flows last 3 ms longer); its µs twin is not charted again.
        assertThat(charted.get(0)).isEqualTo("flowDuration");
        assertThat(charted).doesNotContain("Flow Duration");
        assertThat(html).contains("The 20 features that best separate", "of the model's 30");
    }

    @Test
    void listsTheTwentyLargestWeights() {
        int start = html.indexOf("<table class=\"weights\">");
        String table = html.substring(start, html.indexOf("</table>", start));
        List<String> features = new ArrayList<>();
        Matcher m = Pattern.compile("<tr><td class=\"n\">\\d+</td><td>([^<]*)</td>").matcher(table);
        while (m.find()) {
            features.add(m.group(1));
        }
        assertThat(features).hasSize(HtmlReport.WEIGHTS);
        assertThat(features.get(0)).isEqualTo(names[FEATURES - 1]); // weight 3.0
        assertThat(features).doesNotContain(names[0], names[1], names[2]); // the three smallest
        assertThat(html).contains("The 20 largest of 30 weights.");
    }

    @Test
    void modelChartsAreEmbeddedPngs() {
        assertThat(html.split("<img ", -1)).hasSize(4); // ROC, precision-recall, forwarded share
        assertThat(html).doesNotContainPattern("(?i)(src|href)=\"https?:");
    }
}
