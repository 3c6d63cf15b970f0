package org.flowmeter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Copies go where their originals go, are fitted on there, and are never scored. */
class TrainingCopiesTest {
    private static final String[] NAMES = {"x"};

    private static Dataset rows(double... values) {
        double[][] r = new double[values.length][];
        int[] l = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            r[i] = new double[] {values[i]};
            l[i] = i % 2;
        }
        return new Dataset(NAMES, r, l);
    }

    @Test
    void aSubsetKeepsTheCopiesOfItsRowsRenumbered() {
        // copies of rows 4, 1, 1, 0 of a 5-row dataset
        TrainingCopies copies = new TrainingCopies(rows(40, 10, 11, 0), new int[] {4, 1, 1, 0});
        TrainingCopies ofSubset = copies.of(new int[] {1, 4}, 5);
        assertThat(ofSubset.size()).isEqualTo(3);
        // row 4 is now row 1, row 1 is now row 0; the copy of row 0 is left out
        assertThat(IntStream.range(0, 3).map(ofSubset::copyOf).toArray()).containsExactly(1, 0, 0);
        assertThat(ofSubset.rows().row(0)).containsExactly(40);
        assertThat(ofSubset.rows().row(2)).containsExactly(11);
    }

    @Test
    void aSplitIsWidenedByTheCopiesOfItsFittingRowsOnly() {
        TrainingCopies copies = new TrainingCopies(rows(40, 10, 11, 0), new int[] {4, 1, 1, 0});
        StratifiedSplit.Split split = new StratifiedSplit.Split(new int[] {0, 2, 4}, new int[] {1, 3});
        StratifiedSplit.Split wide = copies.widen(split, 5);
        // copies sit after the 5 rows: the copies of rows 4 and 0 are 5 and 8
        assertThat(wide.train()).containsExactly(0, 2, 4, 5, 8);
        assertThat(wide.test()).containsExactly(1, 3);

        Dataset appended = copies.appendTo(rows(0, 1, 2, 3, 4));
        assertThat(appended.size()).isEqualTo(9);
        assertThat(appended.row(5)).containsExactly(40);
        assertThat(appended.label(8)).isEqualTo(1);
    }

    @Test
    void withoutCopiesTheGridIsUnchanged() {
        Dataset data = GridSearchTest.separable(11);
        GridSearch grid = new GridSearch().cs(List.of(0.5)).fitIntercepts(List.of(true)).folds(4);
        GridSearch.Outcome plain = grid.run(data);
        GridSearch.Outcome none = grid.run(data, TrainingCopies.none(data.featureNames()));
        for (int i = 0; i < plain.results().size(); i++) {
            assertThat(none.results().get(i).foldAucs()).containsExactly(plain.results().get(i).foldAucs());
        }
    }

    /**
     * The grid's fold scores and out-of-fold probabilities equal fits made by hand: each fold fitted
     * on its rows plus their copies (scaler included), scored on its held-out rows alone.
     */
    @Test
    void foldsFitOnTheCopiesOfTheirRowsAndScoreTheRowsAlone() {
        Dataset data = GridSearchTest.separable(13);
        Random random = new Random(2);
        int n = 150;
        double[][] copyRows = new double[n][];
        int[] copyLabels = new int[n];
        int[] copyOf = new int[n];
        for (int i = 0; i < n; i++) {
            copyOf[i] = random.nextInt(data.size());
            double[] original = data.row(copyOf[i]);
            // a shifted twin, so a fold that wrongly fitted on it would differ from the hand-made fit
            copyRows[i] = new double[] {original[0] * 1.5, original[1] + 40, original[2]};
            copyLabels[i] = data.label(copyOf[i]);
        }
        TrainingCopies copies = new TrainingCopies(new Dataset(data.featureNames(), copyRows, copyLabels), copyOf);
        Hyper hyper = new Hyper(Penalty.L2, 0.5, 1, 3, true);
        GridSearch grid = new GridSearch().classWeights(List.of(new GridSearch.ClassWeights(1, 3))).includeBalanced(false)
                .penalties(List.of(Penalty.L2)).cs(List.of(0.5)).fitIntercepts(List.of(true)).folds(4);

        double[] oof = grid.outOfFoldProbabilities(data, copies, hyper);
        double[] byHand = new double[data.size()];
        double[] aucs = new double[4];
        List<StratifiedSplit.Split> folds = grid.splits(data);
        for (int f = 0; f < folds.size(); f++) {
            StratifiedSplit.Split fold = folds.get(f);
            Dataset fitted = fittedRows(data, fold.train(), copies);
            LogisticModel model = new LogisticTrainer().train(fitted, hyper, "test", Map.of());
            int[] test = fold.test();
            int[] labels = new int[test.length];
            double[] scores = new double[test.length];
            for (int i = 0; i < test.length; i++) {
                byHand[test[i]] = model.score(data.row(test[i]));
                labels[i] = data.label(test[i]);
                scores[i] = byHand[test[i]];
            }
            aucs[f] = Metrics.rocAuc(labels, scores);
        }
        for (int i = 0; i < oof.length; i++) {
            assertThat(oof[i]).as("row %d", i).isCloseTo(byHand[i], offset(1e-9));
        }
        GridSearch.Outcome outcome = grid.run(data, copies);
        assertThat(outcome.results().get(0).foldAucs()).containsExactly(aucs, offset(1e-12));
        // the copies changed the fits: without them the out-of-fold scores differ
        assertThat(Arrays.equals(grid.outOfFoldProbabilities(data, hyper), oof)).isFalse();
    }

    /** The fold's rows, then the copies of those rows in copy order. */
    private static Dataset fittedRows(Dataset data, int[] train, TrainingCopies copies) {
        boolean[] in = new boolean[data.size()];
        for (int i : train) {
            in[i] = true;
        }
        int[] picked = IntStream.range(0, copies.size()).filter(i -> in[copies.copyOf(i)]).toArray();
        Dataset own = data.subset(train);
        double[][] r = Arrays.copyOf(own.rows(), train.length + picked.length);
        int[] l = Arrays.copyOf(own.labels(), train.length + picked.length);
        for (int i = 0; i < picked.length; i++) {
            r[train.length + i] = copies.rows().row(picked[i]);
            l[train.length + i] = copies.rows().label(picked[i]);
        }
        return new Dataset(data.featureNames(), r, l);
    }
}
