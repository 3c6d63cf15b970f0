package org.flowmeter.flow;

import java.time.Duration;

/**
 * Per-state timeouts and the memory cap of the flow table, apart from the general idle, active
 * and linger settings of {@link FlowConfig}.
 *
 * @param tcpNewTimeoutNanos a TCP flow opened by a SYN that has had no packet back ends after this
 *                           long without packets (default 30 s; never longer than the idle timeout):
 *                           a scan probe or a flood's SYN need not live as long as a connection
 * @param udpTimeoutNanos    idle timeout of UDP flows; 0: the general idle timeout
 * @param icmpTimeoutNanos   idle timeout of ICMP flows; 0: the general idle timeout
 * @param memoryCapBytes     heap the flow table may hold; 0: {@link #DEFAULT_HEAP_SHARE} of the JVM's maximum heap
 */
public record FlowLimits(long tcpNewTimeoutNanos, long udpTimeoutNanos, long icmpTimeoutNanos, long memoryCapBytes) {
    public static final Duration DEFAULT_TCP_NEW = Duration.ofSeconds(30);
    /** Share of the maximum heap the flow table may hold by default; the rest is for rows in flight and the collector. */
    public static final double DEFAULT_HEAP_SHARE = 0.5;
    public static final FlowLimits DEFAULTS = new FlowLimits(DEFAULT_TCP_NEW.toNanos(), 0, 0, 0);

    public FlowLimits {
        if (tcpNewTimeoutNanos <= 0 || udpTimeoutNanos < 0 || icmpTimeoutNanos < 0 || memoryCapBytes < 0) {
            throw new IllegalArgumentException("timeouts must be positive and the memory cap not negative");
        }
    }

    /** The default memory cap: a share of the heap this JVM may grow to. */
    public static long defaultMemoryCap() {
        return (long) (Runtime.getRuntime().maxMemory() * DEFAULT_HEAP_SHARE);
    }

    public FlowLimits withTcpNewTimeout(Duration d) {
        return new FlowLimits(d.toNanos(), udpTimeoutNanos, icmpTimeoutNanos, memoryCapBytes);
    }

    public FlowLimits withUdpTimeout(Duration d) {
        return new FlowLimits(tcpNewTimeoutNanos, d.toNanos(), icmpTimeoutNanos, memoryCapBytes);
    }

    public FlowLimits withIcmpTimeout(Duration d) {
        return new FlowLimits(tcpNewTimeoutNanos, udpTimeoutNanos, d.toNanos(), memoryCapBytes);
    }

    public FlowLimits withMemoryCap(long bytes) {
        return new FlowLimits(tcpNewTimeoutNanos, udpTimeoutNanos, icmpTimeoutNanos, bytes);
    }
}
