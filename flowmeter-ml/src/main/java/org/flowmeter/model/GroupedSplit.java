package org.flowmeter.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Seeded splits that keep every group (the flows of one capture) on one side, so that a model is
 * scored on captures it has not seen: the closer estimate of how it does on new traffic, since
 * flows of one capture resemble each other far more than flows of different captures. Each
 * class's rows are shared out as evenly as whole groups allow.
 */
public final class GroupedSplit {
    private GroupedSplit() {}

    /** Rows per class of one group. */
    private record Group(int id, int[] members, int benign, int malicious) {
        int majority() {
            return malicious > benign ? Dataset.MALICIOUS : Dataset.BENIGN;
        }

        int size() {
            return members.length;
        }
    }

    /**
     * Puts whole groups into the test part until it holds about {@code testFraction} of each
     * class's rows and of each class's groups: groups are taken in seeded random order and one is
     * added while its majority class stays within both shares (at least one group of each class
     * when there are two or more). Capping the groups too keeps many small captures from all
     * going to the test part when one large capture holds most of a class.
     */
    public static StratifiedSplit.Split trainTest(int[] labels, int[] groups, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be within (0, 1), is " + testFraction);
        }
        List<Group> all = groups(labels, groups);
        java.util.Collections.shuffle(all, new Random(seed));
        int[] total = classTotals(labels);
        int[] groupsOfClass = new int[2];
        for (Group g : all) {
            groupsOfClass[g.majority()]++;
        }
        int[] maxTestGroups = new int[2];
        for (int c = 0; c <= 1; c++) {
            maxTestGroups[c] = groupsOfClass[c] < 2 ? 0 : Math.max(1, (int) Math.round(testFraction * groupsOfClass[c]));
        }
        int[] inTest = new int[2];
        int[] groupsInTest = new int[2];
        boolean[] toTest = new boolean[all.size()];
        for (int k = 0; k < all.size(); k++) {
            Group g = all.get(k);
            int c = g.majority();
            int own = c == Dataset.MALICIOUS ? g.malicious() : g.benign();
            if (groupsInTest[c] < maxTestGroups[c] && inTest[c] + own <= Math.round(testFraction * total[c])) {
                toTest[k] = true;
                groupsInTest[c]++;
                inTest[c] += own;
            }
        }
        // A class whose every group is larger than its share still gets its smallest group tested.
        for (int c = 0; c <= 1; c++) {
            if (groupsInTest[c] == 0 && maxTestGroups[c] > 0) {
                int smallest = -1;
                for (int k = 0; k < all.size(); k++) {
                    if (all.get(k).majority() == c && (smallest < 0 || all.get(k).size() < all.get(smallest).size())) {
                        smallest = k;
                    }
                }
                toTest[smallest] = true;
            }
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            for (int i : all.get(k).members()) {
                (toTest[k] ? test : train).add(i);
            }
        }
        StratifiedSplit.Split split = new StratifiedSplit.Split(sorted(train), sorted(test));
        requireBothClasses(labels, split.test(), "the test part");
        requireBothClasses(labels, split.train(), "the training part");
        return split;
    }

    /**
     * Grouped k-fold: groups, largest first (ties in seeded random order), each go to the fold
     * holding the fewest rows of the group's majority class so far. Every fold's test part must
     * hold both classes, so each class needs rows in at least k groups.
     */
    public static List<StratifiedSplit.Split> kFold(int[] labels, int[] groups, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("need at least 2 folds, got " + k);
        }
        List<Group> all = groups(labels, groups);
        java.util.Collections.shuffle(all, new Random(seed));
        all.sort(Comparator.comparingInt(Group::size).reversed());
        int[][] perFold = new int[k][2];
        int[] fold = new int[labels.length];
        for (Group g : all) {
            int c = g.majority();
            int best = 0;
            for (int f = 1; f < k; f++) {
                if (perFold[f][c] < perFold[best][c]
                        || perFold[f][c] == perFold[best][c] && perFold[f][1 - c] < perFold[best][1 - c]) {
                    best = f;
                }
            }
            perFold[best][Dataset.BENIGN] += g.benign();
            perFold[best][Dataset.MALICIOUS] += g.malicious();
            for (int i : g.members()) {
                fold[i] = best;
            }
        }
        List<StratifiedSplit.Split> splits = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int current = f;
            int[] test = IntStream.range(0, labels.length).filter(i -> fold[i] == current).toArray();
            int[] train = IntStream.range(0, labels.length).filter(i -> fold[i] != current).toArray();
            requireBothClasses(labels, test, "fold " + (f + 1) + " of " + k);
            splits.add(new StratifiedSplit.Split(train, test));
        }
        return splits;
    }

    private static List<Group> groups(int[] labels, int[] groups) {
        if (groups.length != labels.length) {
            throw new IllegalArgumentException("groups and labels differ in length");
        }
        int max = Arrays.stream(groups).max().orElse(-1);
        List<List<Integer>> members = new ArrayList<>();
        for (int g = 0; g <= max; g++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < groups.length; i++) {
            members.get(groups[i]).add(i);
        }
        List<Group> out = new ArrayList<>();
        for (int g = 0; g <= max; g++) {
            int[] m = members.get(g).stream().mapToInt(Integer::intValue).toArray();
            if (m.length == 0) {
                continue;
            }
            int malicious = (int) Arrays.stream(m).filter(i -> labels[i] == Dataset.MALICIOUS).count();
            out.add(new Group(g, m, m.length - malicious, malicious));
        }
        return out;
    }

    private static int[] classTotals(int[] labels) {
        int[] total = new int[2];
        for (int l : labels) {
            total[l]++;
        }
        return total;
    }

    private static void requireBothClasses(int[] labels, int[] part, String what) {
        boolean benign = false;
        boolean malicious = false;
        for (int i : part) {
            benign |= labels[i] == Dataset.BENIGN;
            malicious |= labels[i] == Dataset.MALICIOUS;
        }
        if (!benign || !malicious) {
            throw new IllegalArgumentException(what + " of a split by input lacks "
                    + (benign ? "malicious" : "benign") + " flows: give more inputs of that class or fewer folds");
        }
    }

    private static int[] sorted(List<Integer> indices) {
        int[] out = indices.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(out);
        return out;
    }
}
