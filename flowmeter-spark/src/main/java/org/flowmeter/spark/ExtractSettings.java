package org.flowmeter.spark;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.flowmeter.engine.FlowSettings;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.flow.FlowConfig;

/**
 * What extract's tasks need, in a form that travels to executors: the engine's flow settings
 * (the {@link FlowConfig} holds a lambda for local networks and is rebuilt on each side) and the
 * least packets of a flow written.
 */
record ExtractSettings(FlowSettings flow, long minPackets) implements Serializable {

    static ExtractSettings defaults() {
        return new ExtractSettings(FlowSettings.defaults(), 1);
    }

    ExtractSettings {
        // Fail on the driver, not in a task.
        flow.config();
        flow.featureSets();
    }

    FlowConfig config() {
        return flow.config();
    }

    List<FeatureSet> featureSets() {
        return flow.featureSets();
    }

    ExtractSettings withTimeouts(Duration idle, Duration active, Duration linger) {
        return new ExtractSettings(flow.withTimeouts(idle, active, linger), minPackets);
    }
}
