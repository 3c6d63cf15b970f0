package org.flowmeter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Grouped splits on seeded random groups: no group on both sides, both classes everywhere. */
class GroupedSplitTest {
    /** 40 groups of 1..60 rows; a quarter of the groups malicious, one group mixed. */
    private static int[][] labelsAndGroups(long seed) {
        Random random = new Random(seed);
        int[] sizes = new int[40];
        for (int g = 0; g < sizes.length; g++) {
            sizes[g] = 1 + random.nextInt(60);
        }
        return labelsAndGroups(sizes, (g, k) -> g % 4 == 0 || (g == 1 && k % 2 == 0));
    }

    /** {labels, groups} of groups with the given sizes; row k of group g is malicious when {@code malicious} says so. */
    private static int[][] labelsAndGroups(int[] sizes, java.util.function.BiPredicate<Integer, Integer> malicious) {
        int n = java.util.Arrays.stream(sizes).sum();
        int[] labels = new int[n];
        int[] groups = new int[n];
        int i = 0;
        for (int g = 0; g < sizes.length; g++) {
            for (int k = 0; k < sizes[g]; k++, i++) {
                groups[i] = g;
                labels[i] = malicious.test(g, k) ? Dataset.MALICIOUS : Dataset.BENIGN;
            }
        }
        return new int[][] {labels, groups};
    }

    private static boolean mostlyMalicious(int[] labels, int[] groups, int group) {
        int balance = 0;
        for (int i = 0; i < labels.length; i++) {
            if (groups[i] == group) {
                balance += labels[i] == Dataset.MALICIOUS ? 1 : -1;
            }
        }
        return balance > 0;
    }

    private static Set<Integer> groupsOf(int[] rows, int[] groups) {
        Set<Integer> s = new HashSet<>();
        for (int r : rows) {
            s.add(groups[r]);
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42})
    void trainTestKeepsGroupsWholeAndTakesAboutTheShareOfEachClass(long seed) {
        int[][] lg = labelsAndGroups(seed);
        int[] labels = lg[0];
        int[] groups = lg[1];
        StratifiedSplit.Split split = GroupedSplit.trainTest(labels, groups, 0.3, seed);

        assertThat(split.train().length + split.test().length).isEqualTo(labels.length);
        Set<Integer> testGroups = groupsOf(split.test(), groups);
        assertThat(groupsOf(split.train(), groups)).doesNotContainAnyElementsOf(testGroups);
        for (int c = 0; c <= 1; c++) {
            int cls = c;
            long total = IntStream.of(labels).filter(l -> l == cls).count();
            long inTest = IntStream.of(split.test()).filter(r -> labels[r] == cls).count();
            // majority rows never exceed the share; whole groups make it fall short by less than one group
            assertThat(inTest).as("class %d", c).isGreaterThan(0).isLessThan(total);
        }
        long maliciousTotal = IntStream.of(labels).filter(l -> l == 1).count();
        long maliciousInTest = IntStream.of(split.test()).filter(r -> labels[r] == 1 && groups[r] != 1).count();
        assertThat(maliciousInTest).isLessThanOrEqualTo(Math.round(0.3 * maliciousTotal));
        // at most 30 % of each class's groups: 10 or 11 mostly malicious groups (group 1 is half and half), 29 or 30 benign
        long maliciousGroups = testGroups.stream().filter(g -> mostlyMalicious(labels, groups, g)).count();
        assertThat(maliciousGroups).isBetween(1L, 3L);
        assertThat(testGroups.size() - maliciousGroups).isBetween(1L, 9L);
        assertThat(GroupedSplit.trainTest(labels, groups, 0.3, seed)).usingRecursiveComparison().isEqualTo(split);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42})
    void kFoldPutsEveryGroupInExactlyOneTestFoldWithBothClasses(long seed) {
        int[][] lg = labelsAndGroups(seed);
        int[] labels = lg[0];
        int[] groups = lg[1];
        List<StratifiedSplit.Split> folds = GroupedSplit.kFold(labels, groups, 5, seed);

        assertThat(folds).hasSize(5);
        int[] seen = new int[labels.length];
        Set<Integer> allTestGroups = new HashSet<>();
        for (StratifiedSplit.Split f : folds) {
            Set<Integer> testGroups = groupsOf(f.test(), groups);
            assertThat(groupsOf(f.train(), groups)).doesNotContainAnyElementsOf(testGroups);
            assertThat(allTestGroups).doesNotContainAnyElementsOf(testGroups);
            allTestGroups.addAll(testGroups);
            assertThat(IntStream.of(f.test()).map(r -> labels[r]).distinct().sorted().toArray()).containsExactly(0, 1);
            for (int r : f.test()) {
                seen[r]++;
            }
        }
        assertThat(seen).containsOnly(1);
    }

    @org.junit.jupiter.api.Test
    void aClassWhoseGroupsAreAllLargerThanItsShareStillGetsItsSmallestGroupTested() {
        // benign: groups 0..3 of 10 rows; malicious: group 4 of 50 rows, group 5 of 40 rows
        int[][] lg = labelsAndGroups(new int[] {10, 10, 10, 10, 50, 40}, (g, k) -> g >= 4);
        int[] labels = lg[0];
        int[] groups = lg[1];
        StratifiedSplit.Split split = GroupedSplit.trainTest(labels, groups, 0.3, 1);
        // 30 % of 90 malicious rows is 27: neither group fits, so the 40-row group is tested
        assertThat(groupsOf(split.test(), groups)).contains(5).doesNotContain(4);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void kFoldNeedsEachClassInAtLeastKGroups(int maliciousGroups) {
        // groups 0..maliciousGroups-1 malicious, 10 benign groups after them, 5 rows each
        int groupCount = maliciousGroups + 10;
        int[] labels = new int[groupCount * 5];
        int[] groups = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            groups[i] = i / 5;
            labels[i] = groups[i] < maliciousGroups ? 1 : 0;
        }
        assertThat(GroupedSplit.kFold(labels, groups, maliciousGroups, 7)).hasSize(maliciousGroups);
        assertThatThrownBy(() -> GroupedSplit.kFold(labels, groups, maliciousGroups + 1, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lacks malicious flows");
    }
}
