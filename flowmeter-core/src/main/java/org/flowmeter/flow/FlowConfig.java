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
 * @param limits             per-state timeouts (TCP new, UDP, ICMP) and the memory cap
 */
public record FlowConfig(long idleTimeoutNanos, long activeTimeoutNanos, long tcpLingerNanos,
                         int maxFlows, AddressPredicate localNets, boolean endAtFirstFin, FlowLimits limits) {

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
        if (limits == null) {
            limits = FlowLimits.DEFAULTS;
        }
    }

    /** Same settings without the per-state limits (defaults for those). */
    public FlowConfig(long idleTimeoutNanos, long activeTimeoutNanos, long tcpLingerNanos,
                      int maxFlows, AddressPredicate localNets, boolean endAtFirstFin) {
        this(idleTimeoutNanos, activeTimeoutNanos, tcpLingerNanos, maxFlows, localNets, endAtFirstFin, FlowLimits.DEFAULTS);
    }

    /** Idle timeout of a TCP flow opened by a SYN that got no answer yet (never longer than the idle timeout). */
    public long tcpNewTimeoutNanos() {
        return Math.min(limits.tcpNewTimeoutNanos(), idleTimeoutNanos);
    }

    /** Idle timeout of UDP flows: the idle timeout unless set apart. */
    public long udpTimeoutNanos() {
        return limits.udpTimeoutNanos() > 0 ? limits.udpTimeoutNanos() : idleTimeoutNanos;
    }

    /** Idle timeout of ICMP and ICMPv6 flows: the idle timeout unless set apart. */
    public long icmpTimeoutNanos() {
        return limits.icmpTimeoutNanos() > 0 ? limits.icmpTimeoutNanos() : idleTimeoutNanos;
    }

    /** Bytes of heap the flow table may hold (flows, context windows, the start-order buffer). */
    public long memoryCapBytes() {
        return limits.memoryCapBytes() > 0 ? limits.memoryCapBytes() : FlowLimits.defaultMemoryCap();
    }

    public FlowConfig withLimits(FlowLimits l) {
        return new FlowConfig(idleTimeoutNanos, activeTimeoutNanos, tcpLingerNanos, maxFlows, localNets, endAtFirstFin, l);
    }

    public static FlowConfig defaults() {
        return new FlowConfig(DEFAULT_IDLE.toNanos(), DEFAULT_ACTIVE.toNanos(), DEFAULT_TCP_LINGER.toNanos(),
                DEFAULT_MAX_FLOWS, null, false);
    }

    public FlowConfig withIdleTimeout(Duration d) {
        return new FlowConfig(d.toNanos(), activeTimeoutNanos, tcpLingerNanos, maxFlows, localNets, endAtFirstFin, limits);
    }

    public FlowConfig withActiveTimeout(Duration d) {
        return new FlowConfig(idleTimeoutNanos, d.toNanos(), tcpLingerNanos, maxFlows, localNets, endAtFirstFin, limits);
    }

    public FlowConfig withTcpLinger(Duration d) {
        return new FlowConfig(idleTimeoutNanos, activeTimeoutNanos, d.toNanos(), maxFlows, localNets, endAtFirstFin, limits);
    }

    public FlowConfig withMaxFlows(int n) {
        return new FlowConfig(idleTimeoutNanos, activeTimeoutNanos, tcpLingerNanos, n, localNets, endAtFirstFin, limits);
    }

    public FlowConfig withLocalNets(AddressPredicate p) {
        return new FlowConfig(idleTimeoutNanos, activeTimeoutNanos, tcpLingerNanos, maxFlows, p, endAtFirstFin, limits);
    }

    public FlowConfig withEndAtFirstFin(boolean b) {
        return new FlowConfig(idleTimeoutNanos, activeTimeoutNanos, tcpLingerNanos, maxFlows, localNets, b, limits);
    }

    /** CICFlowMeter's flow timeout, which {@link #withCicCompat()} sets as the active timeout. */
    public static final Duration CIC_FLOW_TIMEOUT = Duration.ofSeconds(120);

    /** Flows cut as CICFlowMeter cuts them: a 120 s active timeout and a TCP flow ends at its first FIN. */
    public FlowConfig withCicCompat() {
        return withActiveTimeout(CIC_FLOW_TIMEOUT).withEndAtFirstFin(true);
    }
}
