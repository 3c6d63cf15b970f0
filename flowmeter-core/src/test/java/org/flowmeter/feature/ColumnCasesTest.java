package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each set writes a column's expression once, as case {@code i} of its reader's switch for the
 * {@code i}-th column declared: the switch has exactly one case per declared column, no fewer (a
 * position without a case throws) and no more (the first position past the columns throws too).
 * Which case holds which expression is pinned by the sets' value tests and the golden files.
 */
class ColumnCasesTest {

    @Test
    void everySetsSwitchHasOneCasePerDeclaredColumn() {
        List<String> checked = List.of(
                checkCases(DeepfenceFeatures.NAME, DeepfenceFeatures.COLUMNS,
                        (DeepfenceFeatures.State) new DeepfenceFeatures().newFlow()),
                checkCases(CicFeatures.NAME, CicFlowState.COLUMNS, (CicFlowState) new CicFeatures().newFlow()),
                checkCases(HostContextFeatures.NAME, HostContextFeatures.State.COLUMNS,
                        (HostContextFeatures.State) new HostContextFeatures().newFlow()),
                checkCases(ExchangeFeatures.NAME, ExchangeState.COLUMNS, new ExchangeState()),
                checkCases(RoundTripFeatures.NAME, RoundTripState.COLUMNS, new RoundTripState()),
                checkCases(LoadFeatures.NAME, LoadState.COLUMNS, new double[RecentFlowReports.VALUES]));

        assertThat(checked).as("every registered set checked").containsExactlyInAnyOrderElementsOf(FeatureSets.names());
    }

    /** Checks there is a case for every declared column and none beyond; gives back the set's name. */
    private static <S> String checkCases(String set, ColumnSet<S> columns, S state) {
        int n = columns.size();
        for (int c = 0; c < n; c++) {
            columns.value(state, c);
        }
        assertThatThrownBy(() -> columns.value(state, n)).as(set + " past its last column")
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> columns.value(state, -1)).as(set + " before its first column")
                .isInstanceOf(IndexOutOfBoundsException.class);
        return set;
    }
}
