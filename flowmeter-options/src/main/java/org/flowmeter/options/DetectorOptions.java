package org.flowmeter.options;

import java.time.Duration;
import java.util.List;
import org.flowmeter.engine.DetectorSettings;
import org.flowmeter.engine.LinkFloodSettings;
import org.flowmeter.engine.SlowDosSettings;
import org.flowmeter.engine.TunnelSettings;
import picocli.CommandLine.Option;

/**
 * Which cross-flow detectors run beside the model, and their thresholds (docs/detectors.md), on the
 * command line and on Spark alike: {@link DetectorSettings}.
 */
public final class DetectorOptions {

    @Option(names = "--detectors", paramLabel = "NAMES", split = ",",
            description = "Cross-flow detectors to run beside the model: scan, tunnel, flood, flood-many-sources, guessing, beacon,"
                    + " slow-dos, link-flood"
                    + " (default: all).")
    List<String> names;

    @Option(names = "--no-detectors", description = "Run no cross-flow detector: the model alone decides.")
    boolean none;

    @Option(names = "--scan-hosts", paramLabel = "N", description = "Scan: distinct hosts one source failed at (default: 25).")
    Integer scanHosts;

    @Option(names = "--scan-ports", paramLabel = "N", description = "Scan: distinct services of one host one source failed at (default: 15).")
    Integer scanPorts;

    @Option(names = "--scan-peers", paramLabel = "N",
            description = "Scan: a sweep of one port >= 1024 is a peer-to-peer search, not a scan, when its source conversed"
                    + " with N hosts on that port (default: 2; 0 turns this off).")
    Integer scanPeers;

    @Option(names = "--scan-window", paramLabel = "D", converter = DurationConverter.class,
            description = "Scan: window (counts span this window and the one before; default: 5m).")
    Duration scanWindow;

    @Option(names = "--flood-flows", paramLabel = "N",
            description = "Flood: flows without conversation (UDP, ICMP, TCP without data) from one source to one host (default: 2000).")
    Integer floodFlows;

    @Option(names = "--flood-packets", paramLabel = "N",
            description = "Flood: packets of one nearly unanswered flow at >= 500 packets/s (default: 2000).")
    Integer floodPackets;

    @Option(names = "--flood-window", paramLabel = "D", converter = DurationConverter.class,
            description = "Flood and many-source flood: window (default: 60s).")
    Duration floodWindow;

    @Option(names = "--flood-sources", paramLabel = "N",
            description = "Many-source flood: distinct sources of failed or unanswered flows to one host (default: 50).")
    Integer floodSources;

    @Option(names = "--flood-source-flows", paramLabel = "N",
            description = "Many-source flood: failed or unanswered flows to that host (default: 500).")
    Integer floodSourceFlows;

    @Option(names = "--guess-sessions", paramLabel = "N",
            description = "Guessing: short alike sessions from one source to one authentication service (default: 20).")
    Integer guessSessions;

    @Option(names = "--guess-spread", paramLabel = "X",
            description = "Guessing: largest coefficient of variation of the sessions' packets and answer bytes (default: 0.15).")
    Double guessSpread;

    @Option(names = "--guess-tries", paramLabel = "N",
            description = "Guessing with several tries per connection: repeated refusals from one source to one "
                    + "authentication service, in at least 3 sessions (default: 20).")
    Integer guessTries;

    @Option(names = "--guess-window", paramLabel = "D", converter = DurationConverter.class,
            description = "Guessing: window (default: 5m).")
    Duration guessWindow;

    @Option(names = "--beacon-repeats", paramLabel = "N", description = "Beacon: least connections in a periodic series (default: 12).")
    Integer beaconRepeats;

    @Option(names = "--beacon-spread", paramLabel = "X",
            description = "Beacon: largest coefficient of variation of the start intervals (default: 0.15).")
    Double beaconSpread;

    @Option(names = "--beacon-local", description = "Beacon: also count private and local destinations (default: only others).")
    boolean beaconLocal;

    @Option(names = "--slow-dos-connections", paramLabel = "N",
            description = "Slow DoS: held connections (>= 10 s, little payload) from one source to one service open"
                    + " at once on average (default: 16).")
    Integer slowDosConnections;

    @Option(names = "--slow-dos-trickles", paramLabel = "N",
            description = "Slow DoS: trickling connections (held, a request in pieces never answered) open at once"
                    + " on average (default: 5).")
    Integer slowDosTrickles;

    @Option(names = "--slow-dos-rate", paramLabel = "BYTES",
            description = "Slow DoS: most payload bytes a second, both ways, of a held connection (default: 100).")
    Double slowDosRate;

    @Option(names = "--slow-dos-requests", paramLabel = "N",
            description = "Slow DoS: alike oversized requests (>= 8 KB, answered by <= 1 KB) from one source to one web"
                    + " service (default: 20).")
    Integer slowDosRequests;

    @Option(names = "--slow-dos-window", paramLabel = "D", converter = DurationConverter.class,
            description = "Slow DoS: window (default: 5m).")
    Duration slowDosWindow;

    @Option(names = "--tunnel-dns-queries", paramLabel = "N",
            description = "Tunnel: DNS queries from one source to one server in the window (default: 100).")
    Integer tunnelDnsQueries;

    @Option(names = "--tunnel-dns-query-bytes", paramLabel = "X",
            description = "Tunnel: least mean DNS query payload in bytes (default: 64).")
    Double tunnelDnsQueryBytes;

    @Option(names = "--tunnel-dns-answer-bytes", paramLabel = "X",
            description = "Tunnel: least mean DNS answer payload in bytes that alone marks a tunnel (default: 600).")
    Double tunnelDnsAnswerBytes;

    @Option(names = "--tunnel-icmp-requests", paramLabel = "N",
            description = "Tunnel: ICMP echo requests from one source to one host in the window, half of them answered (default: 100).")
    Integer tunnelIcmpRequests;

    @Option(names = "--tunnel-icmp-changes", paramLabel = "X",
            description = "Tunnel: least share of echo requests whose payload size differs from the one before (default: 0.2).")
    Double tunnelIcmpChanges;

    @Option(names = "--tunnel-icmp-bytes", paramLabel = "X",
            description = "Tunnel: least mean echo payload in bytes that alone marks a tunnel (default: 512).")
    Double tunnelIcmpBytes;

    @Option(names = "--tunnel-window", paramLabel = "D", converter = DurationConverter.class,
            description = "Tunnel: window (counts span this window and the one before; default: 5m).")
    Duration tunnelWindow;

    @Option(names = "--link-flood-sources", paramLabel = "N",
            description = "Link flood: distinct sources of one control message type (ICMPv6 neighbour discovery, MLD,"
                    + " DHCPv6) to one multicast group in the window (default: 500).")
    Integer linkFloodSources;

    @Option(names = "--link-flood-router-sources", paramLabel = "N",
            description = "Link flood: distinct sources of a message only routers send (router advertisement, redirect,"
                    + " MLD query), or of neighbour solicitations to a group that is not a solicited-node group, to one"
                    + " group in the window (default: 10).")
    Integer linkFloodRouterSources;

    @Option(names = "--link-flood-window", paramLabel = "D", converter = DurationConverter.class,
            description = "Link flood: window (counts span this window and the one before; default: 10s).")
    Duration linkFloodWindow;

    /** The detectors chosen, with their thresholds (checked when the detectors are made). */
    public DetectorSettings settings() {
        return DetectorSettings.builder().none(none).names(names)
                .scanHosts(scanHosts).scanPorts(scanPorts).scanPeers(scanPeers).scanWindow(scanWindow)
                .floodFlows(floodFlows).floodPackets(floodPackets).floodWindow(floodWindow)
                .floodSources(floodSources).floodSourceFlows(floodSourceFlows)
                .guessSessions(guessSessions).guessSpread(guessSpread).guessTries(guessTries).guessWindow(guessWindow)
                .beaconRepeats(beaconRepeats).beaconSpread(beaconSpread).beaconLocal(beaconLocal)
                .slowDos(new SlowDosSettings(slowDosConnections, slowDosTrickles, slowDosRate, slowDosRequests, slowDosWindow))
                .tunnel(new TunnelSettings(tunnelDnsQueries, tunnelDnsQueryBytes,
                        tunnelDnsAnswerBytes, tunnelIcmpRequests, tunnelIcmpChanges, tunnelIcmpBytes, tunnelWindow))
                .linkFlood(new LinkFloodSettings(linkFloodSources, linkFloodRouterSources, linkFloodWindow))
                .build();
    }
}
