package org.flowmeter.flow;

import java.time.Duration;

/**
 * Flow table settings.
 *
 * @param idleTimeoutNanos   a flow with no packet for longer than this ends (default 120 s)
 * @param activeTimeoutNanos a flow older than this ends; its next packet opens a new one (default 1800 s)
 * @param tcpLingerNanos     after FIN both ways or RST, late packets (the last ACK, repeated RSTs)
 *                           still join the flow for this long, unless a new SYN opens a new one (default 5 s)
 * @param maxFlows           cap on concurrent flows; the least recently seen is evicted beyond it
 * @param localNets          which addresses are local: a flow's forward direction is from its local
 *                           side; null means the first packet sets the direction
 * @param endAtFirstFin      end a TCP flow at its first FIN, as CICFlowMeter does; any later packet
 *                           of the connection opens a new flow (default false: FIN both ways)
 */
public record FlowConfig(long idleTimeoutNanos, long activeTimeoutNanos, long tcpLingerNanos,
                         int maxFlows, AddressPredicate localNets, boolean endAtFirstFin) {

    public static final Duration DEFAULT_IDLE = Duration.ofSeconds(120);
    public static final Duration DEFAULT_ACTIVE = Duration.ofSeconds(1800);
    public static final Duration DEFAULT_TCP_LINGER = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_FLOWS = 1_000_000;

    public FlowConfig {
        if (idleTimeoutNanos <= 0 || activeTimeoutNanos <= 0 || tcpLingerNanos < 0) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxFlows < 1) {
            throw new IllegalArgumentException("max flows must be at least 1");
        }
    }

    public static FlowConfig defaults() {
        return new FlowConfig(DEFAULT_IDLE.toNanos(), DEFAULT_ACTIVE.toNanos(), DEFAULT_TCP_LINGER.toNanos(),
                DEFAULT_MAX_FLOWS, null, false);
    }

    public FlowConfig withIdleTimeout(Duration d) {
        return new FlowConfig(d.toNanos(), activeTimeoutNanos, tcpLingerNanos, maxFlows, localNets, endAtFirstFin);
    }

    public FlowConfig withActiveTimeout(Duration d) {
        return new FlowConfig(idleTimeoutNanos, d.toNanos(), tcpLingerNanos, maxFlows, localNets, endAtFirstFin);
    }

    public FlowConfig withTcpLinger(Duration d) {
        return new FlowConfig(idleTimeoutNanos, activeTimeoutNanos, d.toNanos(), maxFlows, localNets, endAtFirstFin);
    }

    public FlowConfig withMaxFlows(int n) {
        return new FlowConfig(idleTimeoutNanos, activeTimeoutNanos, tcpLingerNanos, n, localNets, endAtFirstFin);
    }

    public FlowConfig withLocalNets(AddressPredicate p) {
        return new FlowConfig(idleTimeoutNanos, activeTimeoutNanos, tcpLingerNanos, maxFlows, p, endAtFirstFin);
    }

    public FlowConfig withEndAtFirstFin(boolean b) {
        return new FlowConfig(idleTimeoutNanos, activeTimeoutNanos, tcpLingerNanos, maxFlows, localNets, b);
    }

    /** CICFlowMeter's flow timeout, which {@link #withCicCompat()} sets as the active timeout. */
    public static final Duration CIC_FLOW_TIMEOUT = Duration.ofSeconds(120);

    /** Flows cut as CICFlowMeter cuts them: a 120 s active timeout and a TCP flow ends at its first FIN. */
    public FlowConfig withCicCompat() {
        return withActiveTimeout(CIC_FLOW_TIMEOUT).withEndAtFirstFin(true);
    }
}
