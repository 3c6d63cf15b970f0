package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowListener;
import org.flowmeter.flow.FlowMeter;
import org.junit.jupiter.api.Test;

/**
 * Every registered set gives its values for scoring ({@link FlowFeatures#values}: the set's switch
 * over column positions, called directly) exactly as a row gives them ({@link FlowFeatures#write}:
 * the same switch through the set's {@link ColumnSet}, LONG columns as integers), on real
 * captures: open flows at their first packets and every 16th (as an early score reads them, the
 * context and load windows as they stand) and every flow at its end, every column alone, all
 * together and the odd ones.
 */
class ColumnReadsTest {

    @Test
    void valuesForScoringAreTheDeclaredColumnsBitForBit() throws IOException {
        List<FeatureSet> sets = FeatureSets.parse("all").stream().map(FeatureSet::forNewMeter).toList();
        assertThat(sets.stream().map(FeatureSet::name)).containsAll(FeatureSets.names());
        int[] checked = new int[2];
        FlowListener compare = new FlowListener() {
            @Override
            public void onPacket(Flow flow, DecodedPacket packet, boolean forward) {
                if (flow.packets() <= 5 || flow.packets() % 16 == 0) {
                    compareEverySet(sets, flow);
                    checked[0]++;
                }
            }

            @Override
            public void onFlowEnd(Flow flow) {
                compareEverySet(sets, flow);
                checked[1]++;
            }
        };
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), sets, compare);
        ComputingColumnsTest.packets().forEach(meter::add);
        meter.finish();
        assertThat(checked[0]).as("open flows compared").isGreaterThan(500);
        assertThat(checked[1]).as("ended flows compared").isGreaterThan(100);
    }

    private static void compareEverySet(List<FeatureSet> sets, Flow flow) {
        for (int s = 0; s < sets.size(); s++) {
            FeatureSet set = sets.get(s);
            FlowFeatures state = flow.features(s);
            int n = set.columns().size();
            RecordedRow row = new RecordedRow();
            state.write(row);
            assertThat(row.values).hasSize(n);
            double[] all = new double[n];
            state.values(all, 0);
            double[] listed = new double[n + 3];
            state.values(listed, 3, IntStream.range(0, n).toArray());
            double[] odd = new double[n];
            state.values(odd, 0, IntStream.range(0, n).filter(c -> c % 2 == 1).toArray());
            for (int c = 0; c < n; c++) {
                double[] alone = new double[n];
                state.values(alone, 0, new int[] {c});
                String what = set.name() + " " + set.columns().get(c).name() + " of flow " + flow.id
                        + " at packet " + flow.packets();
                for (double v : new double[] {all[c], listed[3 + c], alone[c]}) {
                    assertThat(row.integer.get(c) ? (Object) (long) v : (Object) Double.doubleToRawLongBits(v))
                            .as(what).isEqualTo(row.integer.get(c) ? row.values.get(c)
                                    : (Object) Double.doubleToRawLongBits((Double) row.values.get(c)));
                    if (row.integer.get(c)) {
                        assertThat(v).as(what + " is a whole number").isEqualTo(Math.rint(v));
                    }
                }
                if (c % 2 == 1) {
                    assertThat(Double.doubleToRawLongBits(odd[c])).as(what).isEqualTo(Double.doubleToRawLongBits(all[c]));
                } else {
                    assertThat(odd[c]).as(what + " not asked for").isZero();
                }
            }
        }
    }

    /** A row as written: each value, and whether it was written as an integer. */
    private static final class RecordedRow implements RowWriter {
        final List<Object> values = new ArrayList<>();
        final List<Boolean> integer = new ArrayList<>();

        @Override
        public void integer(long value) {
            values.add(value);
            integer.add(true);
        }

        @Override
        public void real(double value) {
            values.add(value);
            integer.add(false);
        }

        @Override
        public void string(String value) {
            throw new AssertionError("a feature column written as text: " + value);
        }
    }
}
