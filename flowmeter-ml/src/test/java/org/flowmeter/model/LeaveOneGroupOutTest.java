package org.flowmeter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaveOneGroupOutTest {
    private static final List<String> NAMES = List.of("scan", "flood", "lab", "public");
    // Column 0: the row's group (-1: in no group); column 1: the value the fixed model scores.
    private static final double[][] ROWS = {
        {0, 1}, {0, 2}, {0, -1}, // scan, malicious
        {1, 3},                  // flood, malicious
        {2, -2}, {2, 0.5},       // lab, benign
        {3, -3},                 // public, benign
        {-1, 5}, {-1, 10},       // in no group
    };
    private static final int[] LABELS = {1, 1, 1, 1, 0, 0, 0, 1, 0};
    private static final int[] GROUP = Arrays.stream(ROWS).mapToInt(r -> (int) r[0]).toArray();
    private static final Dataset DATA = new Dataset(new String[] {"group", "x"}, ROWS, LABELS);

    /** score = sigmoid(x): flagged when x >= 0. */
    private static final LogisticModel SIGN_OF_X = new LogisticModel("t", new String[] {"group", "x"},
            new double[] {0, 0}, new double[] {1, 1}, new double[] {0, 1}, 0, 0.5, Map.of());

    @Test
    void aHeldOutGroupIsNeverInTrainingAndRowsOfNoGroupAreNowhere() {
        List<LeaveOneGroupOut.Fold> folds = LeaveOneGroupOut.folds(GROUP, NAMES);
        assertThat(folds).extracting(LeaveOneGroupOut.Fold::group).containsExactlyElementsOf(NAMES);
        for (int f = 0; f < folds.size(); f++) {
            LeaveOneGroupOut.Fold fold = folds.get(f);
            for (int i : fold.train()) {
                assertThat(GROUP[i]).isNotEqualTo(f).isNotEqualTo(-1);
            }
            for (int i : fold.test()) {
                assertThat(GROUP[i]).isEqualTo(f);
            }
            assertThat(fold.train().length + fold.test().length).isEqualTo(7);
        }
    }

    /** Rows marked always-trained are in every training part and in no test part. */
    @Test
    void alwaysTrainedRowsAreFittedInEveryFoldAndNeverScored() {
        int[] groups = GROUP.clone();
        groups[7] = LeaveOneGroupOut.ALWAYS_TRAINED;
        for (LeaveOneGroupOut.Fold fold : LeaveOneGroupOut.folds(groups, NAMES)) {
            assertThat(fold.train()).contains(7).doesNotContain(8);
            assertThat(fold.test()).doesNotContain(7, 8);
        }
        LeaveOneGroupOut.Outcome out = LeaveOneGroupOut.run(DATA, groups, NAMES, (train, heldOut) -> SIGN_OF_X);
        assertThat(out.scores()[7]).isNaN();
        assertThat(out.pooled().malicious()).isEqualTo(4);
    }

    @Test
    void theFitterSeesOnlyOtherGroups() {
        List<String> seen = new ArrayList<>();
        LeaveOneGroupOut.run(DATA, GROUP, NAMES, (train, heldOut) -> {
            int held = NAMES.indexOf(heldOut);
            for (double[] row : train.rows()) {
                assertThat((int) row[0]).as("a row of %s in its own training part", heldOut)
                        .isNotEqualTo(held).isNotEqualTo(-1);
            }
            assertThat(train.size()).isEqualTo(7 - Arrays.stream(GROUP).filter(g -> g == held).count());
            seen.add(heldOut);
            return SIGN_OF_X;
        });
        assertThat(seen).containsExactlyElementsOf(NAMES);
    }

    /** Counted by hand from the table above. */
    @Test
    void figuresPerGroupAndPooled() {
        LeaveOneGroupOut.Outcome out = LeaveOneGroupOut.run(DATA, GROUP, NAMES, (train, heldOut) -> SIGN_OF_X);
        LeaveOneGroupOut.GroupResult scan = out.groups().get(0);
        assertThat(scan.malicious()).isEqualTo(3);
        assertThat(scan.truePositives()).isEqualTo(2);
        assertThat(scan.recall()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(scan.fpr()).isNaN();
        // scan's 1, 2 and -1 against the benign -2, 0.5, -3: 3 + 3 + 2 of 9 pairs ordered right.
        assertThat(scan.rocAuc()).isCloseTo(8 / 9.0, within(1e-12));
        LeaveOneGroupOut.GroupResult lab = out.groups().get(2);
        assertThat(lab.fpr()).isEqualTo(0.5);
        assertThat(lab.recall()).isNaN();
        // lab's -2 and 0.5 against the malicious 1, 2, -1, 3: 4 + 3 of 8 pairs.
        assertThat(lab.rocAuc()).isCloseTo(7 / 8.0, within(1e-12));
        assertThat(out.groups().get(3).fpr()).isZero();
        // Pooled: 11 of 12 pairs; the rows of no group (a benign 10) are not scored.
        assertThat(out.pooled().rocAuc()).isCloseTo(11 / 12.0, within(1e-12));
        assertThat(out.pooled().recall()).isEqualTo(0.75);
        assertThat(out.pooled().fpr()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(out.scores()[8]).isNaN();
    }
}
