package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The known-direction hint of each column, as a trainer reads it. */
class ColumnDirectionTest {

    @Test
    void contextCountsOfFlowsFailuresAndReachRaiseSuspicionSizesAndAnsweredEndpointsDoNot() {
        List<String> raising = new HostContextFeatures().columns().stream()
                .filter(Column::raisesSuspicionOnly).map(Column::name).toList();
        assertThat(raising).containsExactly("ctxPairFlows", "ctxSrcFlows", "ctxSrcHosts", "ctxSrcServices",
                "ctxDstFlows", "ctxDstSources", "ctxPairUnanswered", "ctxPairResets", "ctxSrcFailedEndpoints");
        assertThat(FeatureSets.directionOf("ctxPairFwdSizes")).isEqualTo(Direction.NONE);
        assertThat(FeatureSets.directionOf("ctxSrcAnsweredEndpoints")).isEqualTo(Direction.NONE);
    }

    @Test
    void loadColumnsRaiseSuspicionButTheAnsweredCounts() {
        List<String> free = new LoadFeatures().columns().stream()
                .filter(c -> !c.raisesSuspicionOnly()).map(Column::name).toList();
        assertThat(free).containsExactly("ldSrcAnsweredEndpoints", "ldDstAnsweredSources", "ldSvcAnsweredSources");
        assertThat(FeatureSets.directionOf("ldSvcUnansweredSources")).isEqualTo(Direction.RAISES_SUSPICION);
    }

    @Test
    void perFlowSetsHaveNoKnownDirectionAndUnknownNamesReadAsNone() {
        for (FeatureSet set : List.of(new DeepfenceFeatures(), new CicFeatures(), new ExchangeFeatures(),
                new RoundTripFeatures())) {
            assertThat(set.columns()).as(set.name()).allMatch(c -> c.direction() == Direction.NONE);
        }
        assertThat(FeatureSets.directionOf("ctxDstSources")).isEqualTo(Direction.RAISES_SUSPICION);
        assertThat(FeatureSets.directionOf("noSuchColumn")).isEqualTo(Direction.NONE);
    }

    @Test
    void markingKeepsNameAndTypeAndAColumnBuiltWithoutADirectionHasNone() {
        Column c = Column.integer("n");
        assertThat(c.direction()).isEqualTo(Direction.NONE);
        assertThat(c.raisesSuspicion()).isEqualTo(new Column("n", ColumnType.LONG, Direction.RAISES_SUSPICION));
        assertThatThrownBy(() -> new Column("n", ColumnType.LONG, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
