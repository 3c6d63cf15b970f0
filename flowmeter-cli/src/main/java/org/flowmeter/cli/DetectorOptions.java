package org.flowmeter.cli;

import java.time.Duration;
import java.util.List;
import org.flowmeter.detect.DetectorConfig;
import org.flowmeter.detect.Detectors;
import org.flowmeter.detect.PatternHold;
import org.flowmeter.flow.FlowListener;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Which cross-flow detectors run beside the model, and their thresholds (docs/detectors.md). */
final class DetectorOptions {
    /** Most flows held back for the detectors before their rows are written (bounds memory). */
    static final int MAX_HELD = 1 << 14;
    private static final DetectorConfig DEFAULTS = new DetectorConfig();


    @Option(names = "--detectors", paramLabel = "NAMES", split = ",",
            description = "Cross-flow detectors to run beside the model: scan, flood, flood-many-sources, guessing, beacon"
                    + " (default: all).")
    List<String> names;

    @Option(names = "--no-detectors", description = "Run no cross-flow detector: the model alone decides.")
    boolean none;

    @Option(names = "--scan-hosts", paramLabel = "N", description = "Scan: distinct hosts one source failed at (default: 25).")
    Integer scanHosts;

    @Option(names = "--scan-ports", paramLabel = "N", description = "Scan: distinct services of one host one source failed at (default: 15).")
    Integer scanPorts;

    @Option(names = "--scan-peers", paramLabel = "N",
            description = "Scan: hosts a source must converse with (payload both ways) on a port >= 1024 for its sweep of"
                    + " that port to count as a peer-to-peer search, not a scan; 0: never (default: 2).")
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

    /** The detectors chosen, with their thresholds. */
    Detectors create(CommandLine commandLine) {
        if (none) {
            return Detectors.none();
        }
        DetectorConfig c = new DetectorConfig();
        c.scanHosts = positive(scanHosts, c.scanHosts, "--scan-hosts", commandLine);
        c.scanPorts = positive(scanPorts, c.scanPorts, "--scan-ports", commandLine);
        c.scanWindow = scanWindow != null ? scanWindow : c.scanWindow;
        if (scanPeers != null && scanPeers < 0) {
            throw new ParameterException(commandLine, "--scan-peers must be 0 or more");
        }
        c.scanPeers = scanPeers != null ? scanPeers : c.scanPeers;
        c.floodFlows = positive(floodFlows, c.floodFlows, "--flood-flows", commandLine);
        c.floodPackets = positive(floodPackets, c.floodPackets, "--flood-packets", commandLine);
        c.floodWindow = floodWindow != null ? floodWindow : c.floodWindow;
        c.floodSources = positive(floodSources, c.floodSources, "--flood-sources", commandLine);
        c.floodSourceFlows = positive(floodSourceFlows, c.floodSourceFlows, "--flood-source-flows", commandLine);
        c.guessSessions = positive(guessSessions, c.guessSessions, "--guess-sessions", commandLine);
        c.guessSpread = guessSpread != null ? guessSpread : c.guessSpread;
        c.guessWindow = guessWindow != null ? guessWindow : c.guessWindow;
        c.beaconRepeats = positive(beaconRepeats, c.beaconRepeats, "--beacon-repeats", commandLine);
        c.beaconSpread = beaconSpread != null ? beaconSpread : c.beaconSpread;
        c.beaconLocal = beaconLocal;
        for (Duration d : List.of(c.scanWindow, c.floodWindow, c.guessWindow)) {
            if (d.isZero() || d.isNegative()) {
                throw new ParameterException(commandLine, "detector windows must be longer than zero");
            }
        }
        try {
            return Detectors.of(names == null ? Detectors.names() : names, c);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, "--detectors: " + e.getMessage());
        }
    }

    /**
     * Holds ended flows back before their rows are written, as long as the longest window of
     * the detectors that run (at most {@link #MAX_HELD} flows), so that the earlier flows of a
     * pattern found a little later are written malicious too.
     */
    PatternHold hold(FlowListener downstream, Detectors detectors) {
        if (detectors.isEmpty()) {
            return new PatternHold(downstream, 0, 0);
        }
        return new PatternHold(downstream, holdNanos(), MAX_HELD);
    }

    /** How long an ended flow is held back for the detectors: their longest window. */
    long holdNanos() {
        return Math.max(windowOrDefault(scanWindow, DEFAULTS.scanWindow),
                Math.max(windowOrDefault(floodWindow, DEFAULTS.floodWindow), windowOrDefault(guessWindow, DEFAULTS.guessWindow)));
    }

    private static long windowOrDefault(Duration d, Duration fallback) {
        return (d != null ? d : fallback).toNanos();
    }

    private static int positive(Integer value, int fallback, String option, CommandLine commandLine) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new ParameterException(commandLine, option + " must be at least 1");
        }
        return value;
    }

}
