package org.flowmeter.options;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.engine.FlowSettings;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.flow.FlowConfig;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Flow-table options of every command that turns captures into flows, on the command line and
 * on Spark alike: {@link FlowSettings}.
 */
public final class FlowOptions {
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

    @Option(names = "--ignore-vlan",
            description = "Leave VLAN ids out of the flow key, so one conversation seen on several VLANs is one flow "
                    + "(default: the VLAN is part of the key).")
    boolean ignoreVlan;

    /** These options as the engine takes them (checked when the flow configuration is made). */
    public FlowSettings settings() {
        return new FlowSettings(idleTimeout, activeTimeout, tcpLinger, tcpNewTimeout, udpTimeout, icmpTimeout, maxFlows,
                memoryCap, localNets, cicCompat, features, ignoreVlan);
    }

    public FlowConfig config() {
        return settings().config();
    }

    /** A usage error when the memory cap cannot hold the shared state of {@code sets} and a few flows. */
    public void checkMemoryCap(FlowConfig config, List<FeatureSet> sets) {
        settings().checkMemoryCap(config, sets);
    }

    public List<FeatureSet> featureSets() {
        return settings().featureSets();
    }

    /**
     * The feature sets a model needs. A model decides its own sets, so {@code --features}, when
     * given, must name the same ones: silently computing others would leave it unheeded.
     */
    public List<FeatureSet> featureSetsFor(org.flowmeter.model.FlowModel model) {
        return settings().featureSetsFor(model, spec.commandLine().getParseResult().hasMatchedOption("--features"));
    }

    /** Names for help text and shell completion. */
    public static final class FeatureSetNames extends ArrayList<String> {
        public FeatureSetNames() {
            super(FeatureSets.names());
            add("all");
        }
    }
}
