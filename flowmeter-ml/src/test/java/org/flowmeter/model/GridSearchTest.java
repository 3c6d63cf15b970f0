package org.flowmeter.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GridSearchTest {
    /** 400 rows, about 12 % malicious, separable by a hyperplane in the first two features. */
    static Dataset separable(long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[400][];
        int[] labels = new int[400];
        for (int i = 0; i < rows.length; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian() * 100 + 500;
            rows[i] = new double[] {a, b, random.nextGaussian()};
            labels[i] = a + (b - 500) / 100 > 1.7 ? 1 : 0;
        }
        return new Dataset(new String[] {"a", "b", "noise"}, rows, labels);
    }

    @Test
    void findsASeparatingModelAndReportsProgress() {
        Dataset data = separable(3);
        assertThat(data.countMalicious()).isBetween(20, 80);
        List<int[]> calls = new ArrayList<>();
        GridSearch.Outcome outcome = new GridSearch().threads(4)
                .progress((done, total) -> calls.add(new int[] {done, total}))
                .run(data);

        assertThat(outcome.results()).hasSize(6 * 2 * 5 * 2);
        assertThat(outcome.bestMeanAuc()).isGreaterThan(0.95);
        assertThat(outcome.results().get(0).hyper()).isEqualTo(outcome.best());
        assertThat(outcome.results().get(0).foldAucs()).hasSize(10);
        for (int i = 1; i < outcome.results().size(); i++) {
            assertThat(outcome.results().get(i).meanAuc()).isLessThanOrEqualTo(outcome.results().get(i - 1).meanAuc());
        }
        int total = 120 * 10;
        assertThat(calls).hasSize(total);
        assertThat(calls.get(total - 1)).containsExactly(total, total);
        for (int i = 0; i < calls.size(); i++) {
            assertThat(calls.get(i)[0]).isEqualTo(i + 1);
        }
    }

    @Test
    void resultsDoNotDependOnThreadCount() {
        Dataset data = separable(5);
        GridSearch small = new GridSearch().cs(List.of(0.1, 0.9)).fitIntercepts(List.of(true)).folds(5);
        GridSearch.Outcome one = small.threads(1).run(data);
        GridSearch.Outcome many = small.threads(3).run(data);
        for (int i = 0; i < one.results().size(); i++) {
            assertThat(many.results().get(i).hyper()).isEqualTo(one.results().get(i).hyper());
            assertThat(many.results().get(i).foldAucs()).containsExactly(one.results().get(i).foldAucs());
        }
    }

    @Test
    void gridIsOverridableAndBalancedIsInverseFrequency() {
        Dataset data = separable(3);
        GridSearch.ClassWeights balanced = GridSearch.balanced(data);
        assertThat(balanced.malicious()).isEqualTo(400 / (2.0 * data.countMalicious()));
        List<Hyper> grid = new GridSearch().classWeights(List.of(new GridSearch.ClassWeights(1, 9)))
                .includeBalanced(false).penalties(List.of(Penalty.L2)).cs(List.of(1.0)).fitIntercepts(List.of(false))
                .candidates(data);
        assertThat(grid).containsExactly(new Hyper(Penalty.L2, 1.0, 1, 9, false));
    }

    @Test
    void progressCounterIsShared() {
        AtomicInteger last = new AtomicInteger();
        new GridSearch().cs(List.of(0.5)).penalties(List.of(Penalty.L1)).fitIntercepts(List.of(true))
                .includeBalanced(false).folds(3).threads(2).progress((done, total) -> last.set(done)).run(separable(9));
        assertThat(last.get()).isEqualTo(5 * 3);
    }

    /** Rows of one group are scored by the fold model fitted without that group. */
    @org.junit.jupiter.api.Test
    void outOfFoldProbabilitiesComeFromTheModelThatDidNotSeeTheRow() {
        Dataset plain = separable(5);
        int[] groups = new int[plain.size()];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = i % 20;
        }
        Dataset data = new Dataset(plain.featureNames(), plain.rows(), plain.labels(), groups);
        Hyper hyper = new Hyper(Penalty.L2, 0.5, 1, 5, true);
        GridSearch search = new GridSearch().folds(4).splitByGroup(true).seed(9);
        double[] oof = search.outOfFoldProbabilities(data, hyper);

        LogisticTrainer trainer = new LogisticTrainer();
        for (StratifiedSplit.Split split : search.splits(data)) {
            LogisticModel foldModel = trainer.train(data.subset(split.train()), hyper, "test");
            for (int row : split.test()) {
                assertThat(oof[row]).isCloseTo(foldModel.score(data.row(row)), org.assertj.core.api.Assertions.within(1e-12));
            }
            // and no row of a held-out group was in that fold's training part
            java.util.Set<Integer> trainGroups = new java.util.HashSet<>();
            for (int row : split.train()) {
                trainGroups.add(groups[row]);
            }
            for (int row : split.test()) {
                assertThat(trainGroups).doesNotContain(groups[row]);
            }
        }
    }
}
