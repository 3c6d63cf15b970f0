package org.flowmeter.engine;

import java.io.Serializable;
import java.time.Duration;
import org.flowmeter.detect.DetectorConfig;

/**
 * The tunnel detector's thresholds (docs/detectors.md, "Tunnels"); a null keeps the default.
 * Apart from {@link DetectorSettings} so that its many options stay in one small place.
 */
public record TunnelSettings(Integer dnsQueries, Double dnsQueryBytes, Double dnsAnswerBytes,
                             Integer icmpRequests, Double icmpSizeChanges, Double icmpBytes,
                             Duration window) implements Serializable {

    /** Every threshold at its default. */
    public static TunnelSettings defaults() {
        return new TunnelSettings(null, null, null, null, null, null, null);
    }

    /** Writes the thresholds into {@code c}, checked. */
    void applyTo(DetectorConfig c) {
        c.tunnelDnsQueries = Thresholds.atLeast(dnsQueries, c.tunnelDnsQueries, 1, "--tunnel-dns-queries");
        c.tunnelDnsQueryBytes = Thresholds.aboveZero(dnsQueryBytes, c.tunnelDnsQueryBytes, "--tunnel-dns-query-bytes");
        c.tunnelDnsAnswerBytes = Thresholds.aboveZero(dnsAnswerBytes, c.tunnelDnsAnswerBytes,
                "--tunnel-dns-answer-bytes");
        c.tunnelIcmpRequests = Thresholds.atLeast(icmpRequests, c.tunnelIcmpRequests, 1, "--tunnel-icmp-requests");
        c.tunnelIcmpBytes = Thresholds.aboveZero(icmpBytes, c.tunnelIcmpBytes, "--tunnel-icmp-bytes");
        if (icmpSizeChanges != null) {
            if (!(icmpSizeChanges > 0 && icmpSizeChanges <= 1)) {
                throw new OptionException("--tunnel-icmp-changes must be a share above 0 and at most 1");
            }
            c.tunnelIcmpSizeChanges = icmpSizeChanges;
        }
        if (window != null) {
            if (window.isZero() || window.isNegative()) {
                throw new OptionException("detector windows must be longer than zero");
            }
            c.tunnelWindow = window;
        }
    }
}
