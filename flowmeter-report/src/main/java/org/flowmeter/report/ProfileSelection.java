package org.flowmeter.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The features worth a chart: the most separating first, leaving out constant ones and any
 * feature that orders the flows as one already chosen does (the same quantity in another unit or
 * feature set, such as Deepfence's and CIC's flow duration), which would only draw the same
 * picture twice.
 */
final class ProfileSelection {
    /**
     * Rank correlation from which two features count as the same quantity. Deepfence's and CIC's
     * versions of one statistic (sample against population deviation, mean over n or n - 1
     * packets) correlate at 0.994 and more on the benchmark fixture, distinct statistics such as
     * all packets against forward packets at 0.976 and less.
     */
    static final double SAME_ORDER = 0.99;

    private ProfileSelection() {
    }

    static List<FeatureSeparation> choose(String[] names, double[][] columns, int[] labels, int limit) {
        List<FeatureSeparation> all = new ArrayList<>();
        for (int j = 0; j < names.length; j++) {
            if (!constant(columns[j])) {
                all.add(FeatureSeparation.of(j, names[j], columns[j], labels));
            }
        }
        all.sort(Comparator.comparingDouble(FeatureSeparation::separation).reversed());
        List<FeatureSeparation> chosen = new ArrayList<>();
        List<double[]> chosenRanks = new ArrayList<>();
        for (FeatureSeparation f : all) {
            if (chosen.size() == limit) {
                break;
            }
            double[] r = ranks(columns[f.column()]);
            boolean duplicate = false;
            for (double[] other : chosenRanks) {
                if (correlation(r, other) >= SAME_ORDER) {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) {
                chosen.add(f);
                chosenRanks.add(r);
            }
        }
        return chosen;
    }

    static boolean constant(double[] values) {
        for (double v : values) {
            if (v != values[0]) {
                return false;
            }
        }
        return true;
    }

    /** Ranks from 1, ties sharing their mean rank. */
    static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = mean;
            }
            i = j + 1;
        }
        return ranks;
    }

    static double correlation(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? 0 : Math.abs(sab) / Math.sqrt(saa * sbb);
    }
}
