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
        c.slowDosConnections = Thresholds.atLeast(connections, c.slowDosConnections, 1, "--slow-dos-connections");
        c.slowDosTrickles = Thresholds.atLeast(trickles, c.slowDosTrickles, 1, "--slow-dos-trickles");
        c.slowDosRequests = Thresholds.atLeast(requests, c.slowDosRequests, 1, "--slow-dos-requests");
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
}
