package org.flowmeter.engine;

import java.util.List;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowListener;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.flow.FlowPipeline;
import org.flowmeter.flow.FlowSample;

/**
 * Packets to flows with features, wired once for every front end: a decoder (keying flows by
 * VLAN or not), a flow meter with its feature sets, and the pipeline that feeds one to the other.
 */
public final class FlowEngine {
    private final FlowMeter meter;
    private final FlowPipeline pipeline;

    /** @param sample null: every flow; else only the flows it keeps */
    public FlowEngine(FlowConfig config, boolean ignoreVlan, List<FeatureSet> sets, FlowListener listener, FlowSample sample) {
        this.meter = sample == null ? new FlowMeter(config, sets, listener) : new FlowMeter(config, sets, listener, sample);
        PacketDecoder decoder = new PacketDecoder();
        decoder.setVlanInKey(!ignoreVlan);
        this.pipeline = new FlowPipeline(decoder, meter);
    }

    /** With the settings' flow configuration, VLAN keying and feature sets. */
    public static FlowEngine of(FlowSettings settings, FlowListener listener) {
        return new FlowEngine(settings.config(), settings.ignoreVlan(), settings.featureSets(), listener, null);
    }

    public FlowMeter meter() {
        return meter;
    }

    public FlowPipeline pipeline() {
        return pipeline;
    }
}
