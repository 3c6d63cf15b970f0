package org.flowmeter.options;

import java.time.Duration;
import java.util.List;
import org.flowmeter.detect.DetectorConfig;
import org.flowmeter.engine.DetectorSettings;
import org.flowmeter.engine.LinkFloodSettings;
import org.flowmeter.engine.SlowDosSettings;
import org.flowmeter.engine.TunnelSettings;
import picocli.CommandLine.Option;

/**
 * Which cross-flow detectors run beside the model, and their thresholds (docs/detectors.md), on the
 * command line and on Spark alike: {@link DetectorSettings}. The defaults the help prints are
 * {@link DetectorConfig}'s constants; an option not given stays null, so the detector's own
 * default applies.
 */
public final class DetectorOptions {

    @Option(names = "--detectors", paramLabel = "NAMES", split = ",",
            description = "Cross-flow detectors to run beside the model: scan, tunnel, flood, flood-many-sources, guessing, beacon,"
                    + " slow-dos, link-flood"
                    + " (default: all).")
    List<String> names;

    @Option(names = "--no-detectors", description = "Run no cross-flow detector: the model alone decides.")
    boolean none;

    @Option(names = "--scan-hosts", paramLabel = "N",
            description = "Scan: distinct hosts one source failed at (default: "
                    + DetectorConfig.DEFAULT_SCAN_HOSTS + ").")
    Integer scanHosts;

    @Option(names = "--scan-ports", paramLabel = "N",
            description = "Scan: distinct services of one host one source failed at (default: "
                    + DetectorConfig.DEFAULT_SCAN_PORTS + ").")
    Integer scanPorts;

    @Option(names = "--scan-peers", paramLabel = "N",
            description = "Scan: a sweep of one port >= " + DetectorConfig.DEFAULT_SCAN_PEER_MIN_PORT
                    + " is a peer-to-peer search, not a scan, when its source conversed"
                    + " with N hosts on that port (default: " + DetectorConfig.DEFAULT_SCAN_PEERS
                    + "; 0 turns this off).")
    Integer scanPeers;

    @Option(names = "--scan-quiet-ports", paramLabel = "N",
            description = "Scan: distinct services of one host one source failed at, when the host refused at least"
                    + " one probe and the two had no flow that did not fail in the window (a short, slow scan; default: "
                    + DetectorConfig.DEFAULT_SCAN_QUIET_PORTS + "; 0 turns this off).")
    Integer scanQuietPorts;

    @Option(names = "--scan-window", paramLabel = "D", converter = DurationConverter.class,
            description = "Scan: window (counts span this window and the one before; default: "
                    + DetectorConfig.DEFAULT_SCAN_WINDOW_MINUTES + "m).")
    Duration scanWindow;

    @Option(names = "--flood-flows", paramLabel = "N",
            description = "Flood: flows without conversation (UDP, ICMP, TCP without data) from one source to one host,"
                    + " or TCP connections that each carry a request, nearly all alike, many open at once (default: "
                    + DetectorConfig.DEFAULT_FLOOD_FLOWS + ").")
    Integer floodFlows;

    @Option(names = "--flood-packets", paramLabel = "N",
            description = "Flood: packets of one nearly unanswered flow at >= "
                    + DetectorConfig.DEFAULT_FLOOD_PACKET_RATE + " packets/s, or at >= "
                    + DetectorConfig.DEFAULT_FLOOD_EMPTY_PACKET_RATE + " packets/s when they carry nothing (default: "
                    + DetectorConfig.DEFAULT_FLOOD_PACKETS + ").")
    Integer floodPackets;

    @Option(names = "--flood-window", paramLabel = "D", converter = DurationConverter.class,
            description = "Flood and many-source flood: window (default: "
                    + DetectorConfig.DEFAULT_FLOOD_WINDOW_SECONDS + "s).")
    Duration floodWindow;

    @Option(names = "--flood-sources", paramLabel = "N",
            description = "Many-source flood: distinct sources of failed or unanswered flows to one host (default: "
                    + DetectorConfig.DEFAULT_FLOOD_SOURCES + ").")
    Integer floodSources;

    @Option(names = "--flood-source-flows", paramLabel = "N",
            description = "Many-source flood: failed or unanswered flows to that host (default: "
                    + DetectorConfig.DEFAULT_FLOOD_SOURCE_FLOWS + ").")
    Integer floodSourceFlows;

    @Option(names = "--guess-sessions", paramLabel = "N",
            description = "Guessing: short alike sessions from one source to one authentication service (default: "
                    + DetectorConfig.DEFAULT_GUESS_SESSIONS + ").")
    Integer guessSessions;

    @Option(names = "--guess-spread", paramLabel = "X",
            description = "Guessing: largest coefficient of variation of the sessions' packets and answer bytes"
                    + " (default: " + DetectorConfig.DEFAULT_GUESS_SPREAD + ").")
    Double guessSpread;

    @Option(names = "--guess-tries", paramLabel = "N",
            description = "Guessing with several tries per connection: repeated refusals from one source to one "
                    + "authentication service, in at least " + DetectorConfig.DEFAULT_GUESS_TRY_SESSIONS
                    + " sessions (default: " + DetectorConfig.DEFAULT_GUESS_TRIES + ").")
    Integer guessTries;

    @Option(names = "--guess-name-errors", paramLabel = "N",
            description = "Guessing: \"no such name\" answers of one DNS server to one client over UDP in the window,"
                    + " at least a share of " + DetectorConfig.DEFAULT_GUESS_NAME_ERROR_SHARE
                    + " of its answers (names guessed; default: " + DetectorConfig.DEFAULT_GUESS_NAME_ERRORS + ").")
    Integer guessNameErrors;

    @Option(names = "--guess-enumeration-requests", paramLabel = "N",
            description = "Guessing: requests of one UDP flow to SIP (5060), nearly every answer the same error"
                    + " (extension enumeration; default: " + DetectorConfig.DEFAULT_GUESS_ENUMERATION_REQUESTS + ").")
    Integer guessEnumerationRequests;

    @Option(names = "--guess-window", paramLabel = "D", converter = DurationConverter.class,
            description = "Guessing: window (default: " + DetectorConfig.DEFAULT_GUESS_WINDOW_MINUTES + "m).")
    Duration guessWindow;

    @Option(names = "--beacon-repeats", paramLabel = "N",
            description = "Beacon: least connections in a periodic series (default: "
                    + DetectorConfig.DEFAULT_BEACON_REPEATS + ").")
    Integer beaconRepeats;

    @Option(names = "--beacon-spread", paramLabel = "X",
            description = "Beacon: largest coefficient of variation of the start intervals (default: "
                    + DetectorConfig.DEFAULT_BEACON_SPREAD + ").")
    Double beaconSpread;

    @Option(names = "--beacon-local", description = "Beacon: also count private and local destinations (default: only others).")
    boolean beaconLocal;

    @Option(names = "--slow-dos-connections", paramLabel = "N",
            description = "Slow DoS: held connections (>= " + DetectorConfig.DEFAULT_SLOW_DOS_MIN_SECONDS
                    + " s, little payload) from one source to one service open at once on average (default: "
                    + DetectorConfig.DEFAULT_SLOW_DOS_CONNECTIONS + ").")
    Integer slowDosConnections;

    @Option(names = "--slow-dos-trickles", paramLabel = "N",
            description = "Slow DoS: trickling connections (held, a request in pieces never answered) open at once"
                    + " on average (default: " + DetectorConfig.DEFAULT_SLOW_DOS_TRICKLES + ").")
    Integer slowDosTrickles;

    @Option(names = "--slow-dos-rate", paramLabel = "BYTES",
            description = "Slow DoS: most payload bytes a second, both ways, of a held connection (default: "
                    + DetectorConfig.DEFAULT_SLOW_DOS_RATE + ").")
    Double slowDosRate;

    @Option(names = "--slow-dos-requests", paramLabel = "N",
            description = "Slow DoS: alike oversized requests (>= 8 KB, answered by <= 1 KB) from one source to one web"
                    + " service (default: " + DetectorConfig.DEFAULT_SLOW_DOS_REQUESTS + ").")
    Integer slowDosRequests;

    @Option(names = "--slow-dos-window", paramLabel = "D", converter = DurationConverter.class,
            description = "Slow DoS: window (default: " + DetectorConfig.DEFAULT_SLOW_DOS_WINDOW_MINUTES + "m).")
    Duration slowDosWindow;

    @Option(names = "--tunnel-dns-queries", paramLabel = "N",
            description = "Tunnel: DNS queries from one source to one server in the window (default: "
                    + DetectorConfig.DEFAULT_TUNNEL_DNS_QUERIES + ").")
    Integer tunnelDnsQueries;

    @Option(names = "--tunnel-dns-query-bytes", paramLabel = "X",
            description = "Tunnel: least mean DNS query payload in bytes (default: "
                    + DetectorConfig.DEFAULT_TUNNEL_DNS_QUERY_BYTES + ").")
    Double tunnelDnsQueryBytes;

    @Option(names = "--tunnel-dns-answer-bytes", paramLabel = "X",
            description = "Tunnel: least mean DNS answer payload in bytes that alone marks a tunnel (default: "
                    + DetectorConfig.DEFAULT_TUNNEL_DNS_ANSWER_BYTES + ").")
    Double tunnelDnsAnswerBytes;

    @Option(names = "--tunnel-icmp-requests", paramLabel = "N",
            description = "Tunnel: ICMP echo requests from one source to one host in the window, half of them answered"
                    + " (default: " + DetectorConfig.DEFAULT_TUNNEL_ICMP_REQUESTS + ").")
    Integer tunnelIcmpRequests;

    @Option(names = "--tunnel-icmp-changes", paramLabel = "X",
            description = "Tunnel: least share of echo requests whose payload size differs from the one before"
                    + " (default: " + DetectorConfig.DEFAULT_TUNNEL_ICMP_SIZE_CHANGES + ").")
    Double tunnelIcmpChanges;

    @Option(names = "--tunnel-icmp-bytes", paramLabel = "X",
            description = "Tunnel: least mean echo payload in bytes that alone marks a tunnel (default: "
                    + DetectorConfig.DEFAULT_TUNNEL_ICMP_BYTES + ").")
    Double tunnelIcmpBytes;

    @Option(names = "--tunnel-window", paramLabel = "D", converter = DurationConverter.class,
            description = "Tunnel: window (counts span this window and the one before; default: "
                    + DetectorConfig.DEFAULT_TUNNEL_WINDOW_MINUTES + "m).")
    Duration tunnelWindow;

    @Option(names = "--link-flood-sources", paramLabel = "N",
            description = "Link flood: distinct sources of one control message type (ICMPv6 neighbour discovery, MLD,"
                    + " DHCPv6) to one multicast group in the window (default: "
                    + DetectorConfig.DEFAULT_LINK_FLOOD_SOURCES + ").")
    Integer linkFloodSources;

    @Option(names = "--link-flood-router-sources", paramLabel = "N",
            description = "Link flood: distinct sources of a message only routers send (router advertisement, redirect,"
                    + " MLD query), or of neighbour solicitations to a group that is not a solicited-node group, to one"
                    + " group in the window (default: " + DetectorConfig.DEFAULT_LINK_FLOOD_ROUTER_SOURCES + ").")
    Integer linkFloodRouterSources;

    @Option(names = "--link-flood-window", paramLabel = "D", converter = DurationConverter.class,
            description = "Link flood: window (counts span this window and the one before; default: "
                    + DetectorConfig.DEFAULT_LINK_FLOOD_WINDOW_SECONDS + "s).")
    Duration linkFloodWindow;

    /** The detectors chosen, with their thresholds (checked when the detectors are made). */
    public DetectorSettings settings() {
        return DetectorSettings.builder().none(none).names(names)
                .scanHosts(scanHosts).scanPorts(scanPorts).scanPeers(scanPeers).scanWindow(scanWindow)
                .floodFlows(floodFlows).floodPackets(floodPackets).floodWindow(floodWindow)
                .floodSources(floodSources).floodSourceFlows(floodSourceFlows)
                .guessSessions(guessSessions).guessSpread(guessSpread).guessTries(guessTries).guessWindow(guessWindow)
                .scanQuietPorts(scanQuietPorts).guessNameErrors(guessNameErrors)
                .guessEnumerationRequests(guessEnumerationRequests)
                .beaconRepeats(beaconRepeats).beaconSpread(beaconSpread).beaconLocal(beaconLocal)
                .slowDos(new SlowDosSettings(slowDosConnections, slowDosTrickles, slowDosRate, slowDosRequests, slowDosWindow))
                .tunnel(new TunnelSettings(tunnelDnsQueries, tunnelDnsQueryBytes,
                        tunnelDnsAnswerBytes, tunnelIcmpRequests, tunnelIcmpChanges, tunnelIcmpBytes, tunnelWindow))
                .linkFlood(new LinkFloodSettings(linkFloodSources, linkFloodRouterSources, linkFloodWindow))
                .build();
    }
}
