package org.flowmeter.spark;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.flowmeter.decode.Cidr;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.flow.FlowConfig;

/**
 * Flow-table settings in a form that travels to executors: {@link FlowConfig} holds a lambda
 * for local networks and is rebuilt on each side from these values.
 */
record ExtractSettings(Duration idleTimeout, Duration activeTimeout, Duration tcpLinger, int maxFlows,
                       List<String> localNets, String featureSpec, long minPackets, boolean cicCompat)
        implements Serializable {

    static ExtractSettings defaults() {
        return new ExtractSettings(FlowConfig.DEFAULT_IDLE, FlowConfig.DEFAULT_ACTIVE, FlowConfig.DEFAULT_TCP_LINGER,
                FlowConfig.DEFAULT_MAX_FLOWS, List.of(), "deepfence", 1, false);
    }

    ExtractSettings {
        localNets = List.copyOf(localNets);
        // Fail on the driver, not in a task.
        config(idleTimeout, activeTimeout, tcpLinger, maxFlows, localNets, cicCompat);
        FeatureSets.parse(featureSpec);
    }

    FlowConfig config() {
        return config(idleTimeout, activeTimeout, tcpLinger, maxFlows, localNets, cicCompat);
    }

    private static FlowConfig config(Duration idleTimeout, Duration activeTimeout, Duration tcpLinger, int maxFlows,
                                     List<String> localNets, boolean cicCompat) {
        FlowConfig c = FlowConfig.defaults()
                .withIdleTimeout(idleTimeout)
                .withActiveTimeout(activeTimeout)
                .withTcpLinger(tcpLinger)
                .withMaxFlows(maxFlows);
        if (cicCompat) {
            c = c.withCicCompat();
        }
        if (localNets.isEmpty()) {
            return c;
        }
        Cidr[] nets = localNets.stream().map(Cidr::parse).toArray(Cidr[]::new);
        return c.withLocalNets((v, hi, lo) -> {
            for (Cidr net : nets) {
                if (net.contains(v, hi, lo)) {
                    return true;
                }
            }
            return false;
        });
    }

    List<FeatureSet> featureSets() {
        return FeatureSets.parse(featureSpec);
    }

    ExtractSettings withTimeouts(Duration idle, Duration active, Duration linger) {
        return new ExtractSettings(idle, active, linger, maxFlows, localNets, featureSpec, minPackets, cicCompat);
    }
}
