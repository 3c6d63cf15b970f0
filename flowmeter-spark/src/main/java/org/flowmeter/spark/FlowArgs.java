package org.flowmeter.spark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.engine.FlowSettings;
import picocli.CommandLine.Option;

/**
 * The flow options of {@code flowmeter extract}, with the same names, defaults and meaning,
 * read into the engine's {@link FlowSettings} (which also checks them).
 */
final class FlowArgs {
    @Option(names = "--idle-timeout", paramLabel = "D", converter = Durations.class, defaultValue = "120s",
            description = "End a flow after this long without packets (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--active-timeout", paramLabel = "D", converter = Durations.class, defaultValue = "1800s",
            description = "End a flow that lasts longer than this (default: ${DEFAULT-VALUE}).")
    Duration activeTimeout;

    @Option(names = "--tcp-linger", paramLabel = "D", converter = Durations.class, defaultValue = "5s",
            description = "Late packets after FIN/RST still join the flow for this long (default: ${DEFAULT-VALUE}).")
    Duration tcpLinger;

    @Option(names = "--tcp-new-timeout", paramLabel = "D", converter = Durations.class, defaultValue = "30s",
            description = "End a TCP flow opened by a SYN that got no answer after this long without packets "
                    + "(never longer than --idle-timeout) (default: ${DEFAULT-VALUE}).")
    Duration tcpNewTimeout;

    @Option(names = "--udp-timeout", paramLabel = "D", converter = Durations.class,
            description = "End a UDP flow after this long without packets (default: the idle timeout).")
    Duration udpTimeout;

    @Option(names = "--icmp-timeout", paramLabel = "D", converter = Durations.class,
            description = "End an ICMP flow after this long without packets (default: the idle timeout).")
    Duration icmpTimeout;

    @Option(names = "--cic-compat",
            description = "Cut flows as CICFlowMeter does: a 120 s active timeout and a TCP flow ends at its first FIN"
                    + " (as flowmeter extract --cic-compat). Overrides --active-timeout.")
    boolean cicCompat;

    @Option(names = "--local-net", paramLabel = "CIDR",
            description = "Local network (repeatable): a flow's forward direction is from its local side.")
    List<String> localNets = new ArrayList<>();

    @Option(names = "--max-flows", paramLabel = "N", defaultValue = "1000000",
            description = "Cap on concurrent flows per file (default: ${DEFAULT-VALUE}).")
    int maxFlows;

    @Option(names = "--features", paramLabel = "SETS", defaultValue = "deepfence",
            description = "Feature sets, comma-separated (default: ${DEFAULT-VALUE}).")
    String features;

    @Option(names = "--ignore-vlan",
            description = "Leave VLAN ids out of the flow key, so one conversation seen on several VLANs is one flow "
                    + "(default: the VLAN is part of the key).")
    boolean ignoreVlan;

    FlowSettings settings() {
        return new FlowSettings(idleTimeout, activeTimeout, tcpLinger, tcpNewTimeout, udpTimeout, icmpTimeout, maxFlows,
                null, localNets, cicCompat, features, ignoreVlan);
    }
}
