package org.flowmeter.report;

import java.util.Arrays;
import java.util.Comparator;
import org.flowmeter.model.Dataset;

/**
 * Cumulative counts when flagging every flow with {@code score >= t}, for each distinct score t
 * from the highest down, starting with "nothing flagged": the basis of ROC, precision-recall and
 * forwarded-share curves.
 */
final class ThresholdSweep {
    final int size;
    final long[] tp;
    final long[] fp;
    final long[] packets;
    final long[] bytes;
    final long positives;
    final long negatives;
    final long totalPackets;
    final long totalBytes;

    private ThresholdSweep(int size, long[] tp, long[] fp, long[] packets, long[] bytes,
            long positives, long negatives, long totalPackets, long totalBytes) {
        this.size = size;
        this.tp = tp;
        this.fp = fp;
        this.packets = packets;
        this.bytes = bytes;
        this.positives = positives;
        this.negatives = negatives;
        this.totalPackets = totalPackets;
        this.totalBytes = totalBytes;
    }

    static ThresholdSweep of(int[] labels, double[] scores, long[] packetCounts, long[] byteCounts) {
        Integer[] order = new Integer[labels.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        long[] tp = new long[labels.length + 1];
        long[] fp = new long[labels.length + 1];
        long[] packets = new long[labels.length + 1];
        long[] bytes = new long[labels.length + 1];
        int k = 0;
        int i = 0;
        while (i < order.length) {
            double t = scores[order[i]];
            tp[k + 1] = tp[k];
            fp[k + 1] = fp[k];
            packets[k + 1] = packets[k];
            bytes[k + 1] = bytes[k];
            k++;
            // Tied scores are flagged together, so they form one step.
            while (i < order.length && scores[order[i]] == t) {
                int f = order[i];
                if (labels[f] == Dataset.MALICIOUS) {
                    tp[k]++;
                } else {
                    fp[k]++;
                }
                packets[k] += packetCounts == null ? 0 : packetCounts[f];
                bytes[k] += byteCounts == null ? 0 : byteCounts[f];
                i++;
            }
        }
        return new ThresholdSweep(k + 1, tp, fp, packetCounts == null ? null : packets,
                byteCounts == null ? null : bytes, tp[k], fp[k], packets[k], bytes[k]);
    }

    double recall(int k) {
        return ratio(tp[k], positives);
    }

    double falsePositiveRate(int k) {
        return ratio(fp[k], negatives);
    }

    double precision(int k) {
        return tp[k] + fp[k] == 0 ? 1 : (double) tp[k] / (tp[k] + fp[k]);
    }

    double flowShare(int k) {
        return ratio(tp[k] + fp[k], positives + negatives);
    }

    double packetShare(int k) {
        return ratio(packets[k], totalPackets);
    }

    double byteShare(int k) {
        return ratio(bytes[k], totalBytes);
    }

    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
