package org.flowmeter.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Seeded splits that keep the share of malicious rows the same in every part. */
public final class StratifiedSplit {
    public static final double DEFAULT_TEST_FRACTION = 0.3;

    /** Row indices of one split, each in ascending order. */
    public record Split(int[] train, int[] test) {}

    private StratifiedSplit() {}

    public static Split trainTest(int[] labels, long seed) {
        return trainTest(labels, DEFAULT_TEST_FRACTION, seed);
    }

    /** Puts {@code round(testFraction * n_c)} rows of each class c into the test part. */
    public static Split trainTest(int[] labels, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be within (0, 1), is " + testFraction);
        }
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int[] members : shuffledByClass(labels, random)) {
            int nTest = (int) Math.round(testFraction * members.length);
            for (int i = 0; i < members.length; i++) {
                (i < nTest ? test : train).add(members[i]);
            }
        }
        return new Split(sorted(train), sorted(test));
    }

    /**
     * Stratified k-fold: each fold's test part holds about 1/k of every class. Every class needs
     * at least k rows, otherwise some fold would lack it and its ROC AUC would be undefined.
     */
    public static List<Split> kFold(int[] labels, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("need at least 2 folds, got " + k);
        }
        int[] fold = new int[labels.length];
        int next = 0;
        for (int[] members : shuffledByClass(new Random(seed), labels, k)) {
            // Continue the round robin across classes so fold sizes differ by at most one.
            for (int idx : members) {
                fold[idx] = next;
                next = (next + 1) % k;
            }
        }
        List<Split> splits = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                (fold[i] == f ? test : train).add(i);
            }
            splits.add(new Split(sorted(train), sorted(test)));
        }
        return splits;
    }

    private static int[][] shuffledByClass(Random random, int[] labels, int minimum) {
        int[][] byClass = shuffledByClass(labels, random);
        for (int c = 0; c < byClass.length; c++) {
            if (byClass[c].length < minimum) {
                throw new IllegalArgumentException("class " + c + " has " + byClass[c].length
                        + " rows, fewer than the " + minimum + " folds");
            }
        }
        return byClass;
    }

    /** Indices of benign rows, then of malicious rows, each shuffled. */
    private static int[][] shuffledByClass(int[] labels, Random random) {
        int[][] byClass = new int[2][];
        for (int c = 0; c <= 1; c++) {
            int label = c;
            int[] members = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == label).toArray();
            shuffle(members, random);
            byClass[c] = members;
        }
        return byClass;
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int[] sorted(List<Integer> indices) {
        int[] out = indices.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(out);
        return out;
    }
}
