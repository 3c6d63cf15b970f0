package org.flowmeter.engine;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.flowmeter.detect.DetectorConfig;
import org.flowmeter.detect.Detectors;
import org.flowmeter.detect.PatternHold;
import org.flowmeter.flow.FlowListener;

/**
 * Which cross-flow detectors run beside the model, and their thresholds (docs/detectors.md). A
 * null threshold or window keeps the detector's default; {@code names} null runs them all.
 * Every front end fills this record from its own option parser, through {@link #builder()}.
 */
public record DetectorSettings(boolean none, List<String> names,
                               Integer scanHosts, Integer scanPorts, Duration scanWindow,
                               Integer floodFlows, Integer floodPackets, Duration floodWindow,
                               Integer floodSources, Integer floodSourceFlows,
                               Integer guessSessions, Double guessSpread, Duration guessWindow,
                               Integer beaconRepeats, Double beaconSpread, boolean beaconLocal,
                               Integer scanPeers, Integer guessTries,
                               Integer scanQuietPorts, Integer guessNameErrors, Integer guessEnumerationRequests,
                               SlowDosSettings slowDos, TunnelSettings tunnel,
                               LinkFloodSettings linkFlood) implements Serializable {
    /**
     * Most flows held back for the detectors before their rows are written until a flow meter
     * sizes the hold by its memory cap ({@link org.flowmeter.flow.MemoryBudget#heldFlows}).
     */
    public static final int MAX_HELD = 1 << 14;
    private static final DetectorConfig DEFAULTS = new DetectorConfig();

    public DetectorSettings {
        names = names == null ? null : List.copyOf(names);
        slowDos = slowDos == null ? SlowDosSettings.defaults() : slowDos;
        tunnel = tunnel == null ? TunnelSettings.defaults() : tunnel;
        linkFlood = linkFlood == null ? LinkFloodSettings.defaults() : linkFlood;
    }

    /** Every detector with its default thresholds (what classify runs without detector options). */
    public static DetectorSettings defaults() {
        return builder().build();
    }

    /** No detector: the model alone decides. */
    public static DetectorSettings off() {
        return builder().none(true).build();
    }

    /** Settings to fill one threshold at a time; what is not set keeps the detector's default. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The detectors chosen, with their thresholds, fresh (each run or capture needs its own).
     *
     * @throws OptionException when a threshold or window is out of range or a name unknown
     */
    public Detectors create() {
        if (none) {
            return Detectors.none();
        }
        DetectorConfig c = config();
        try {
            return Detectors.of(chosenNames(), c);
        } catch (IllegalArgumentException e) {
            throw OptionException.of("--detectors", e);
        }
    }

    private List<String> chosenNames() {
        return names == null ? Detectors.names() : names;
    }

    /** The thresholds, checked. */
    private DetectorConfig config() {
        DetectorConfig c = new DetectorConfig();
        c.scanHosts = Thresholds.atLeast(scanHosts, c.scanHosts, 1, "--scan-hosts");
        c.scanPorts = Thresholds.atLeast(scanPorts, c.scanPorts, 1, "--scan-ports");
        c.scanWindow = scanWindow != null ? scanWindow : c.scanWindow;
        c.scanPeers = atLeastZero(scanPeers, c.scanPeers, "--scan-peers");
        c.floodFlows = Thresholds.atLeast(floodFlows, c.floodFlows, 1, "--flood-flows");
        c.floodPackets = Thresholds.atLeast(floodPackets, c.floodPackets, 1, "--flood-packets");
        c.floodWindow = floodWindow != null ? floodWindow : c.floodWindow;
        c.floodSources = Thresholds.atLeast(floodSources, c.floodSources, 1, "--flood-sources");
        c.floodSourceFlows = Thresholds.atLeast(floodSourceFlows, c.floodSourceFlows, 1, "--flood-source-flows");
        c.guessSessions = Thresholds.atLeast(guessSessions, c.guessSessions, 1, "--guess-sessions");
        c.guessSpread = guessSpread != null ? guessSpread : c.guessSpread;
        c.guessWindow = guessWindow != null ? guessWindow : c.guessWindow;
        c.guessTries = Thresholds.atLeast(guessTries, c.guessTries, 1, "--guess-tries");
        c.scanQuietPorts = atLeastZero(scanQuietPorts, c.scanQuietPorts, "--scan-quiet-ports");
        c.guessNameErrors = Thresholds.atLeast(guessNameErrors, c.guessNameErrors, 1, "--guess-name-errors");
        c.guessEnumerationRequests = Thresholds.atLeast(guessEnumerationRequests, c.guessEnumerationRequests, 1,
                "--guess-enumeration-requests");
        c.beaconRepeats = Thresholds.atLeast(beaconRepeats, c.beaconRepeats, 1, "--beacon-repeats");
        c.beaconSpread = beaconSpread != null ? beaconSpread : c.beaconSpread;
        c.beaconLocal = beaconLocal;
        slowDos.applyTo(c);
        tunnel.applyTo(c);
        linkFlood.applyTo(c);
        for (Duration d : List.of(c.scanWindow, c.floodWindow, c.guessWindow, c.slowDosWindow, c.tunnelWindow,
                c.linkFloodWindow)) {
            if (d.isZero() || d.isNegative()) {
                throw new OptionException("detector windows must be longer than zero");
            }
        }
        return c;
    }

    /** Whether any detector runs; checks the settings as {@link #create()} does, without making the detectors. */
    public boolean anyOn() {
        if (none) {
            return false;
        }
        config();
        List<String> known = Detectors.names();
        for (String name : chosenNames()) {
            if (!known.contains(name)) {
                throw new OptionException("--detectors: unknown detector '" + name + "' (known: " + String.join(", ", known) + ")");
            }
        }
        return !chosenNames().isEmpty();
    }

    /**
     * Holds ended flows back before their rows are written, as long as the longest window of
     * the detectors that run (as many flows as the meter's memory budget allows), so that the earlier flows of a
     * pattern found a little later are written malicious too.
     */
    public PatternHold hold(FlowListener downstream, Detectors detectors) {
        if (detectors.isEmpty()) {
            return new PatternHold(downstream, 0, 0);
        }
        return new PatternHold(downstream, holdNanos(), MAX_HELD);
    }

    /** How long an ended flow is held back for the detectors: their longest window. */
    public long holdNanos() {
        long longest = 0;
        for (long window : new long[] {windowOrDefault(scanWindow, DEFAULTS.scanWindow),
                windowOrDefault(floodWindow, DEFAULTS.floodWindow), windowOrDefault(guessWindow, DEFAULTS.guessWindow),
                windowOrDefault(tunnel.window(), DEFAULTS.tunnelWindow), slowDos.windowOr(DEFAULTS.slowDosWindow).toNanos(),
                linkFlood.windowOr(DEFAULTS.linkFloodWindow).toNanos()}) {
            longest = Math.max(longest, window);
        }
        return longest;
    }

    private static long windowOrDefault(Duration d, Duration fallback) {
        return (d != null ? d : fallback).toNanos();
    }

    private static int atLeastZero(Integer value, int fallback, String option) {
        if (value == null) {
            return fallback;
        }
        if (value < 0) {
            throw new OptionException(option + " must be at least 0 (0 turns it off)");
        }
        return value;
    }

    /**
     * Fills the settings one threshold at a time, so that a new threshold is one more setter and
     * callers name only what they change.
     */
    public static final class Builder {
        private boolean none;
        private List<String> names;
        private Integer scanHosts;
        private Integer scanPorts;
        private Duration scanWindow;
        private Integer floodFlows;
        private Integer floodPackets;
        private Duration floodWindow;
        private Integer floodSources;
        private Integer floodSourceFlows;
        private Integer guessSessions;
        private Double guessSpread;
        private Duration guessWindow;
        private Integer beaconRepeats;
        private Double beaconSpread;
        private boolean beaconLocal;
        private Integer scanPeers;
        private Integer guessTries;
        private Integer scanQuietPorts;
        private Integer guessNameErrors;
        private Integer guessEnumerationRequests;
        private SlowDosSettings slowDos;
        private TunnelSettings tunnel;
        private LinkFloodSettings linkFlood;

        private Builder() {
        }

        public Builder none(boolean value) {
            none = value;
            return this;
        }

        public Builder names(List<String> value) {
            names = value;
            return this;
        }

        public Builder scanHosts(Integer value) {
            scanHosts = value;
            return this;
        }

        public Builder scanPorts(Integer value) {
            scanPorts = value;
            return this;
        }

        public Builder scanWindow(Duration value) {
            scanWindow = value;
            return this;
        }

        public Builder scanPeers(Integer value) {
            scanPeers = value;
            return this;
        }

        public Builder floodFlows(Integer value) {
            floodFlows = value;
            return this;
        }

        public Builder floodPackets(Integer value) {
            floodPackets = value;
            return this;
        }

        public Builder floodWindow(Duration value) {
            floodWindow = value;
            return this;
        }

        public Builder floodSources(Integer value) {
            floodSources = value;
            return this;
        }

        public Builder floodSourceFlows(Integer value) {
            floodSourceFlows = value;
            return this;
        }

        public Builder guessSessions(Integer value) {
            guessSessions = value;
            return this;
        }

        public Builder guessSpread(Double value) {
            guessSpread = value;
            return this;
        }

        public Builder guessWindow(Duration value) {
            guessWindow = value;
            return this;
        }

        public Builder guessTries(Integer value) {
            guessTries = value;
            return this;
        }

        public Builder scanQuietPorts(Integer value) {
            scanQuietPorts = value;
            return this;
        }

        public Builder guessNameErrors(Integer value) {
            guessNameErrors = value;
            return this;
        }

        public Builder guessEnumerationRequests(Integer value) {
            guessEnumerationRequests = value;
            return this;
        }

        public Builder beaconRepeats(Integer value) {
            beaconRepeats = value;
            return this;
        }

        public Builder beaconSpread(Double value) {
            beaconSpread = value;
            return this;
        }

        public Builder beaconLocal(boolean value) {
            beaconLocal = value;
            return this;
        }

        public Builder slowDos(SlowDosSettings value) {
            slowDos = value;
            return this;
        }

        public Builder tunnel(TunnelSettings value) {
            tunnel = value;
            return this;
        }

        public Builder linkFlood(LinkFloodSettings value) {
            linkFlood = value;
            return this;
        }

        public DetectorSettings build() {
            return new DetectorSettings(none, names, scanHosts, scanPorts, scanWindow, floodFlows, floodPackets,
                    floodWindow, floodSources, floodSourceFlows, guessSessions, guessSpread, guessWindow, beaconRepeats,
                    beaconSpread, beaconLocal, scanPeers, guessTries, scanQuietPorts, guessNameErrors,
                    guessEnumerationRequests, slowDos, tunnel, linkFlood);
        }
    }
}
