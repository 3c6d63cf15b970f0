package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
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
        Map<String, Integer> checked = new LinkedHashMap<>();
        checked.put(DeepfenceFeatures.NAME,
                casesOf(DeepfenceFeatures.COLUMNS, (DeepfenceFeatures.State) new DeepfenceFeatures().newFlow()));
        checked.put(CicFeatures.NAME, casesOf(CicFlowState.COLUMNS, (CicFlowState) new CicFeatures().newFlow()));
        checked.put(HostContextFeatures.NAME, casesOf(HostContextFeatures.State.COLUMNS,
                (HostContextFeatures.State) new HostContextFeatures().newFlow()));
        checked.put(ExchangeFeatures.NAME, casesOf(ExchangeState.COLUMNS, new ExchangeState()));
        checked.put(RoundTripFeatures.NAME, casesOf(RoundTripState.COLUMNS, new RoundTripState()));
        checked.put(LoadFeatures.NAME, casesOf(LoadState.COLUMNS, new double[RecentFlowReports.VALUES]));

        assertThat(checked.keySet()).as("every registered set checked").containsExactlyInAnyOrderElementsOf(FeatureSets.names());
    }

    /** The number of cases, after checking there is one for every declared column and none beyond. */
    private static <S> int casesOf(ColumnSet<S> columns, S state) {
        int n = columns.size();
        for (int c = 0; c < n; c++) {
            columns.value(state, c);
        }
        assertThatThrownBy(() -> columns.value(state, n)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> columns.value(state, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        return n;
    }
}
