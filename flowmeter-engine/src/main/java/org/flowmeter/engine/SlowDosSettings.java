package org.flowmeter.engine;

import java.io.Serializable;
import java.time.Duration;
import org.flowmeter.detect.DetectorConfig;

/**
 * The slow-dos detector's thresholds (docs/detectors.md, "Slow DoS"); a null value keeps the
 * detector's default.
 */
public record SlowDosSettings(Integer connections, Integer trickles, Double rate, Integer requests, Duration window)
        implements Serializable {
    /** Every threshold at its default. */
    public static SlowDosSettings defaults() {
        return new SlowDosSettings(null, null, null, null, null);
    }

    /** Writes the thresholds given into {@code c}, checked. */
    void applyTo(DetectorConfig c) {
        c.slowDosConnections = atLeastOne(connections, c.slowDosConnections, "--slow-dos-connections");
        c.slowDosTrickles = atLeastOne(trickles, c.slowDosTrickles, "--slow-dos-trickles");
        c.slowDosRequests = atLeastOne(requests, c.slowDosRequests, "--slow-dos-requests");
        if (rate != null) {
            if (!(rate > 0) || rate.isInfinite()) {
                throw new OptionException("--slow-dos-rate must be a number of bytes a second above 0");
            }
            c.slowDosRate = rate;
        }
        if (window != null) {
            c.slowDosWindow = window;
        }
    }

    /** The window, or the detector's default. */
    Duration windowOr(Duration fallback) {
        return window != null ? window : fallback;
    }

    private static int atLeastOne(Integer value, int fallback, String option) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new OptionException(option + " must be at least 1");
        }
        return value;
    }
}
