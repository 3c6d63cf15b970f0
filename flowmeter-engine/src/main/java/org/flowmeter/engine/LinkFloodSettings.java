package org.flowmeter.engine;

import java.io.Serializable;
import java.time.Duration;
import org.flowmeter.detect.DetectorConfig;

/**
 * The link-flood detector's thresholds (docs/detectors.md, "Link floods"); a null value keeps the
 * detector's default.
 */
public record LinkFloodSettings(Integer sources, Integer routerSources, Duration window) implements Serializable {
    /** Every threshold at its default. */
    public static LinkFloodSettings defaults() {
        return new LinkFloodSettings(null, null, null);
    }

    /**
     * Writes the thresholds given into {@code c}, checked. One source is a single host talking: a
     * pattern of many sources needs at least two.
     */
    void applyTo(DetectorConfig c) {
        c.linkFloodSources = Thresholds.atLeast(sources, c.linkFloodSources, 2, "--link-flood-sources");
        c.linkFloodRouterSources = Thresholds.atLeast(routerSources, c.linkFloodRouterSources, 2,
                "--link-flood-router-sources");
        if (window != null) {
            c.linkFloodWindow = window;
        }
    }

    /** The window, or the detector's default. */
    Duration windowOr(Duration fallback) {
        return window != null ? window : fallback;
    }
}
