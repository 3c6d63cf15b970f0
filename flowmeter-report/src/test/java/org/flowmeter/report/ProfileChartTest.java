package org.flowmeter.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Tick labels of the feature profiles: units, whole bytes and packets, no two labels on top of each other. */
class ProfileChartTest {
    private static final Pattern X_TICK = Pattern.compile(
            "<text class=\"tick\" x=\"([0-9.]+)\" y=\"[0-9.]+\" text-anchor=\"middle\">([^<]*)</text>");

    @Test
    void byteSizesAreWholeBytesWithUnits() {
        double[] sizes = new double[200];
        int[] labels = new int[200];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = 40 + i * 7; // 40 .. 1433 bytes
            labels[i] = i % 2;
        }
        List<String> ticks = xTicks(ProfileChart.svg("packetSizeMax", 0.6, Histogram.of(sizes, labels, 30)));
        assertThat(ticks).isNotEmpty().allSatisfy(t -> assertThat(t).matches("\\d+ B|\\d+(\\.\\d+)? kB"));
        for (String t : ticks) {
            double bytes = t.endsWith(" kB") ? Double.parseDouble(t.replace(" kB", "")) * 1000
                    : Double.parseDouble(t.replace(" B", ""));
            assertThat(bytes).as(t).isEqualTo(Math.rint(bytes));
        }
    }

    @Test
    void fewPacketCountsGetOneBinAndOneTickEach() {
        double[] packets = {0, 1, 2, 3, 3, 2, 1, 0};
        int[] labels = {0, 0, 0, 0, 1, 1, 1, 1};
        Histogram h = Histogram.of(packets, labels, 30);
        assertThat(h.edges()).containsExactly(-0.5, 0.5, 1.5, 2.5, 3.5);
        assertThat(xTicks(ProfileChart.svg("SYN Flag Count", 0.5, h))).containsExactly("0", "1", "2", "3");
    }

    @Test
    void logScaledTimesAreLabelledAtPowersOfTenWithUnits() {
        double[] nanos = {0, 0, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 2e9};
        int[] labels = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
        String svg = ProfileChart.svg("flowDuration", 0.5, Histogram.of(nanos, labels, 30));
        List<String> ticks = xTicks(svg);
        assertThat(ticks.get(0)).isEqualTo("0");
        // Every second power of ten from 1 µs; 1 µs itself would touch the zeros' "0" and is left out.
        assertThat(ticks).containsExactly("0", "100 µs", "10 ms", "1 s");
        assertThat(svg).contains(">time (log scale)<");
        assertNoOverlap(svg);
    }

    private static void assertNoOverlap(String svg) {
        Matcher m = X_TICK.matcher(svg);
        double lastRight = Double.NEGATIVE_INFINITY;
        while (m.find()) {
            double x = Double.parseDouble(m.group(1));
            double half = m.group(2).length() * 6.6 / 2;
            assertThat(x - half).as(m.group(2)).isGreaterThan(lastRight);
            lastRight = x + half;
        }
    }

    private static List<String> xTicks(String svg) {
        List<String> out = new ArrayList<>();
        Matcher m = X_TICK.matcher(svg);
        while (m.find()) {
            out.add(m.group(2));
        }
        return out;
    }
}
