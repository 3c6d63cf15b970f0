package org.flowmeter.cli;

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
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Flow-table options shared by every command that turns captures into flows. */
final class FlowOptions {
    /** CICFlowMeter's default flow timeout, counted from a flow's first packet. */

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--idle-timeout", paramLabel = "D", converter = DurationConverter.class,
            description = "End a flow after this long without packets (default: ${DEFAULT-VALUE}).",
            defaultValue = "120s")
    Duration idleTimeout;

    @Option(names = "--active-timeout", paramLabel = "D", converter = DurationConverter.class,
            description = "End a flow that lasts longer than this; its next packet opens a new one (default: ${DEFAULT-VALUE}).",
            defaultValue = "1800s")
    Duration activeTimeout;

    @Option(names = "--tcp-linger", paramLabel = "D", converter = DurationConverter.class,
            description = "After FIN both ways or RST, late packets still join the flow for this long (default: ${DEFAULT-VALUE}).",
            defaultValue = "5s")
    Duration tcpLinger;

    @Option(names = "--local-net", paramLabel = "CIDR",
            description = "Local network (repeatable): a flow's forward direction is from its local side.")
    List<String> localNets = new ArrayList<>();

    @Option(names = "--max-flows", paramLabel = "N",
            description = "Cap on concurrent flows; beyond it the least recently seen is evicted (default: ${DEFAULT-VALUE}).",
            defaultValue = "1000000")
    int maxFlows;

    @Option(names = "--memory-cap", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Heap the flow table may hold (flows, context windows, flows waiting to be written in order); "
                    + "at the cap the least recently seen flow is ended and written (default: half of the Java heap).")
    Long memoryCap;

    @Option(names = "--tcp-new-timeout", paramLabel = "D", converter = DurationConverter.class,
            description = "End a TCP flow opened by a SYN that got no answer after this long without packets "
                    + "(never longer than --idle-timeout) (default: ${DEFAULT-VALUE}).",
            defaultValue = "30s")
    Duration tcpNewTimeout;

    @Option(names = "--udp-timeout", paramLabel = "D", converter = DurationConverter.class,
            description = "End a UDP flow after this long without packets (default: the idle timeout).")
    Duration udpTimeout;

    @Option(names = "--icmp-timeout", paramLabel = "D", converter = DurationConverter.class,
            description = "End an ICMP flow after this long without packets (default: the idle timeout).")
    Duration icmpTimeout;

    @Option(names = "--cic-compat",
            description = "Cut flows as CICFlowMeter does: a 120 s active timeout and a TCP flow ends at its first FIN "
                    + "(later packets of the connection open a new flow). Overrides --active-timeout.")
    boolean cicCompat;

    @Option(names = "--features", paramLabel = "SETS",
            description = "Feature sets, comma-separated: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            defaultValue = "deepfence", completionCandidates = FeatureSetNames.class)
    String features;

    FlowConfig config() {
        if (maxFlows < 1) {
            throw new ParameterException(spec.commandLine(), "--max-flows must be at least 1");
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

    /** A usage error when the memory cap cannot hold the shared state of {@code sets} and a few flows. */
    void checkMemoryCap(FlowConfig config, List<FeatureSet> sets) {
        try {
            MemoryBudget.of(config.memoryCapBytes(), sets);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--memory-cap: " + e.getMessage());
        }
    }

    private AddressPredicate localNetPredicate() {
        List<Cidr> nets = new ArrayList<>();
        for (String s : localNets) {
            try {
                nets.add(Cidr.parse(s));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--local-net: " + e.getMessage());
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

    List<FeatureSet> featureSets() {
        try {
            return FeatureSets.parse(features);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--features: " + e.getMessage());
        }
    }

    /**
     * The feature sets a model needs. A model decides its own sets, so {@code --features}, when
     * given, must name the same ones: silently computing others would leave it unheeded.
     */
    List<FeatureSet> featureSetsFor(org.flowmeter.model.FlowModel model) {
        List<FeatureSet> sets = FeatureSets.parse(model.featureSet());
        if (spec.commandLine().getParseResult().hasMatchedOption("--features")) {
            List<String> wanted = featureSets().stream().map(FeatureSet::name).toList();
            List<String> needed = sets.stream().map(FeatureSet::name).toList();
            if (!wanted.equals(needed)) {
                throw new ParameterException(spec.commandLine(), "--features: the model uses "
                        + String.join(",", needed) + "; leave --features out or give the same sets");
            }
        }
        return sets;
    }

    /** Names for help text and shell completion. */
    static final class FeatureSetNames extends ArrayList<String> {
        FeatureSetNames() {
            super(FeatureSets.names());
            add("all");
        }
    }
}
