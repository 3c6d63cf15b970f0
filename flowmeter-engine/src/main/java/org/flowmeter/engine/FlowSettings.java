package org.flowmeter.engine;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.decode.Cidr;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.flow.AddressPredicate;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowLimits;
import org.flowmeter.flow.MemoryBudget;
import org.flowmeter.model.FlowModel;

/**
 * How captures become flows: timeouts per state, limits, local networks, feature sets, VLANs.
 * Every front end fills this record from its own option parser; it travels to Spark's executors,
 * where {@link #config()} rebuilds the {@link FlowConfig} (which holds a lambda).
 *
 * @param udpTimeout   null: the idle timeout
 * @param icmpTimeout  null: the idle timeout
 * @param memoryCap    bytes; null: half of the Java heap
 * @param features     feature sets, comma-separated, as {@link FeatureSets#parse} reads them
 * @param ignoreVlan   leave VLAN ids out of the flow key
 */
public record FlowSettings(Duration idleTimeout, Duration activeTimeout, Duration tcpLinger, Duration tcpNewTimeout,
                           Duration udpTimeout, Duration icmpTimeout, int maxFlows, Long memoryCap,
                           List<String> localNets, boolean cicCompat, String features, boolean ignoreVlan)
        implements Serializable {

    public FlowSettings {
        localNets = List.copyOf(localNets);
    }

    /** The defaults of every front end. */
    public static FlowSettings defaults() {
        return new FlowSettings(FlowConfig.DEFAULT_IDLE, FlowConfig.DEFAULT_ACTIVE, FlowConfig.DEFAULT_TCP_LINGER,
                FlowLimits.DEFAULT_TCP_NEW, null, null, FlowConfig.DEFAULT_MAX_FLOWS, null, List.of(), false, "deepfence",
                false);
    }

    public FlowSettings withTimeouts(Duration idle, Duration active, Duration linger) {
        return new FlowSettings(idle, active, linger, tcpNewTimeout, udpTimeout, icmpTimeout, maxFlows, memoryCap,
                localNets, cicCompat, features, ignoreVlan);
    }

    public FlowSettings withFeatures(String sets) {
        return new FlowSettings(idleTimeout, activeTimeout, tcpLinger, tcpNewTimeout, udpTimeout, icmpTimeout, maxFlows,
                memoryCap, localNets, cicCompat, sets, ignoreVlan);
    }

    /** @throws OptionException when a value is out of range */
    public FlowConfig config() {
        if (maxFlows < 1) {
            throw new OptionException("--max-flows must be at least 1");
        }
        FlowConfig c = FlowConfig.defaults()
                .withIdleTimeout(idleTimeout)
                .withActiveTimeout(activeTimeout)
                .withTcpLinger(tcpLinger)
                .withMaxFlows(maxFlows)
                .withLimits(limits());
        if (!localNets.isEmpty()) {
            c = c.withLocalNets(localNetPredicate());
        }
        if (cicCompat) {
            c = c.withCicCompat();
        }
        return c;
    }

    private FlowLimits limits() {
        FlowLimits l = FlowLimits.DEFAULTS.withTcpNewTimeout(tcpNewTimeout);
        if (udpTimeout != null) {
            l = l.withUdpTimeout(udpTimeout);
        }
        if (icmpTimeout != null) {
            l = l.withIcmpTimeout(icmpTimeout);
        }
        return memoryCap != null ? l.withMemoryCap(memoryCap) : l;
    }

    /** An {@link OptionException} when the memory cap cannot hold the shared state of {@code sets} and a few flows. */
    public void checkMemoryCap(FlowConfig config, List<FeatureSet> sets) {
        try {
            MemoryBudget.of(config.memoryCapBytes(), sets);
        } catch (IllegalArgumentException e) {
            throw OptionException.of("--memory-cap", e);
        }
    }

    private AddressPredicate localNetPredicate() {
        List<Cidr> nets = new ArrayList<>();
        for (String s : localNets) {
            try {
                nets.add(Cidr.parse(s));
            } catch (IllegalArgumentException e) {
                throw OptionException.of("--local-net", e);
            }
        }
        Cidr[] all = nets.toArray(new Cidr[0]);
        return (v, hi, lo) -> {
            for (Cidr c : all) {
                if (c.contains(v, hi, lo)) {
                    return true;
                }
            }
            return false;
        };
    }

    public List<FeatureSet> featureSets() {
        try {
            return FeatureSets.parse(features);
        } catch (IllegalArgumentException e) {
            throw OptionException.of("--features", e);
        }
    }

    /**
     * The feature sets a model needs. A model decides its own sets, so the feature sets, when
     * {@code featuresGiven}, must be the same ones: silently computing others would leave them unheeded.
     */
    public List<FeatureSet> featureSetsFor(FlowModel model, boolean featuresGiven) {
        List<FeatureSet> sets = FeatureSets.parse(model.featureSet());
        if (featuresGiven) {
            List<String> wanted = featureSets().stream().map(FeatureSet::name).toList();
            List<String> needed = sets.stream().map(FeatureSet::name).toList();
            if (!wanted.equals(needed)) {
                throw new OptionException("--features: the model uses "
                        + String.join(",", needed) + "; leave --features out or give the same sets");
            }
        }
        return sets;
    }
}
