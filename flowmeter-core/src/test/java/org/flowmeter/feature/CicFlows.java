package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;

/** Runs hand-built packets through a flow meter with the CIC set and reads columns by name. */
final class CicFlows {
    private CicFlows() {
    }

    static final long MICROS = 1_000L;
    static final long MILLIS = 1_000_000L;
    static final long SECONDS = 1_000_000_000L;

    static List<Map<String, Double>> flows(FlowConfig config, List<DecodedPacket> packets) {
        CicFeatures set = new CicFeatures();
        List<Flow> ended = new ArrayList<>();
        FlowMeter meter = new FlowMeter(config, List.of(set), ended::add);
        packets.forEach(meter::add);
        meter.finish();
        List<Map<String, Double>> rows = new ArrayList<>();
        for (Flow f : ended) {
            rows.add(byName(set, f.features(0)));
        }
        return rows;
    }

    /** The values of the only flow the packets make. */
    static Map<String, Double> flow(List<DecodedPacket> packets) {
        List<Map<String, Double>> rows = flows(FlowConfig.defaults(), packets);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    static Map<String, Double> byName(FeatureSet set, FlowFeatures state) {
        double[] v = new double[set.columns().size()];
        state.values(v, 0);
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) {
            m.put(set.columns().get(i).name(), v[i]);
        }
        return m;
    }
}
