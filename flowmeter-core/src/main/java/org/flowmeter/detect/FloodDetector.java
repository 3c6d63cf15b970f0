package org.flowmeter.detect;

import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Flow;

/**
 * A flood from one source to one host: very many flows that carry no conversation (UDP, ICMP, or
 * TCP without payload: SYN, ACK, FIN, RST or Xmas floods) within the window
 * ({@link DetectorConfig#floodFlows}), or a single flow of very many packets at a high rate that
 * is nearly unanswered ({@link DetectorConfig#floodPackets}), or carries nothing (ICMP, TCP without data, empty
 * UDP datagrams) at a lower rate ({@link DetectorConfig#floodEmptyPacketRate}), or a
 * single DNS flow of very many queries ({@link DetectorConfig#floodDnsQueries}), or as many TCP
 * connections within the window that each carry a request, nearly all repeating the one before,
 * with many open at once (an HTTP flood that opens a connection per request: ab, hey, siege). A
 * load test over one or two connections at a time, kept or not, is left alone, and so is a proxy's
 * traffic to one backend, whose requests differ. To a multicast
 * group, only one ICMP flow at a flood's rate counts. Covers every flow between the two hosts in
 * the flood's span.
 */
public final class FloodDetector implements Detector {
    public static final String NAME = "flood";
    private static final int FLOWS = 0;
    /** TCP connections that carried a request and got an answer. */
    private static final int CONNECTIONS = 1;
    /** Those whose request had the size of the pair's connection before. */
    private static final int ALIKE = 2;
    /** Seconds those connections were open, summed (over the span: how many were open at once). */
    private static final int OPEN_SECONDS = 3;
    /** Share of connections repeating the request before them that makes a connection flood. */
    private static final double ALIKE_SHARE = 0.9;
    /**
     * Connections open at once on average (Little's law: open time summed over the span) that make
     * a connection flood: a flood keeps many requests in flight to tie up the server's workers; a
     * benchmark's client loops over one or two connections (slow-dos uses the same 16).
     */
    private static final double AT_ONCE = 16;

    private final int flowThreshold;
    private final long packetThreshold;
    private final double packetRate;
    private final double emptyPacketRate;
    private final long dnsQueries;
    private final double dnsRate;
    private final KeyTable pairs;
    private final SlotWindows windows;
    /** Per slot: the request size of the pair's last connection (-1 before the first). */
    private final long[] lastRequest;
    /** Per slot: the latest end of the pair's connections. */
    private final long[] lastEnd;

    public FloodDetector(DetectorConfig config) {
        this.flowThreshold = config.floodFlows;
        this.packetThreshold = config.floodPackets;
        this.packetRate = config.floodPacketRate;
        this.emptyPacketRate = Math.min(config.floodEmptyPacketRate, config.floodPacketRate);
        this.dnsQueries = config.floodDnsQueries;
        this.dnsRate = config.floodDnsRate;
        this.pairs = new KeyTable(config.tableSize);
        this.windows = new SlotWindows(pairs.slots(), config.floodWindow.toNanos(), 4, 0);
        this.lastRequest = new long[pairs.slots()];
        this.lastEnd = new long[pairs.slots()];
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow flow, FlowFacts facts) {
        boolean icmp = flow.protocol == DecodedPacket.ICMP || flow.protocol == DecodedPacket.ICMPV6;
        boolean noConversation = flow.protocol == DecodedPacket.UDP || icmp || facts.tcpWithoutData(flow.protocol);
        if (!noConversation) {
            if (flow.protocol == DecodedPacket.TCP && facts.conversed()) {
                countConnection(flow, facts);
            }
            return;
        }
        long t = flow.firstNanos();
        if (AddressKinds.isGroup(flow.ipVersion, flow.dstHi, flow.dstLo)) {
            // To a group only the one-flow rule, and only for ICMP: echo requests to all nodes
            // (smurf6) or router solicitations (flood_rs6) at a flood's rate. A group's data
            // streams (UDP: video, market data) are left alone.
            if (icmp && isPacketFlood(flow, facts, true)) {
                int slot = pairs.findOrAdd(flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo, Keys.version(flow.ipVersion), t);
                if (pairs.fresh()) {
                    windows.reset(slot);
                }
                pairs.flag(slot, t, flow.lastNanos());
            }
            return;
        }
        int slot = slot(flow, t);
        windows.roll(slot, t);
        windows.add(slot, FLOWS, 1);
        windows.counted(slot, t);
        if (windows.sum(slot, FLOWS) >= flowThreshold) {
            pairs.flag(slot, windows.firstStart(slot), t);
        } else if (pairs.flagged(slot) && t <= pairs.flaggedUntil(slot) + windows.window()) {
            pairs.flag(slot, t, t);
        }
        if (isPacketFlood(flow, facts, icmp)) {
            pairs.flag(slot, t, flow.lastNanos());
        }
    }

    /**
     * Connections of one source to one host that each carry a request: a flood when there are as
     * many as flows make a flood, nearly all repeat the request before them and many are open at
     * once. A person, a browser or a proxy asks for different things; a flood tool asks for one
     * page again and again, many times in parallel.
     */
    private void countConnection(Flow flow, FlowFacts facts) {
        long t = flow.firstNanos();
        int slot = slot(flow, t);
        windows.roll(slot, t);
        windows.add(slot, CONNECTIONS, 1);
        windows.add(slot, OPEN_SECONDS, (flow.lastNanos() - t) / 1e9);
        lastEnd[slot] = Math.max(lastEnd[slot], flow.lastNanos());
        long request = facts.forwardData();
        if (request == lastRequest[slot]) {
            windows.add(slot, ALIKE, 1);
        }
        lastRequest[slot] = request;
        windows.counted(slot, t);
        double connections = windows.sum(slot, CONNECTIONS);
        if (connections >= flowThreshold && windows.sum(slot, ALIKE) >= ALIKE_SHARE * connections
                && windows.sum(slot, OPEN_SECONDS) >= AT_ONCE * spanSeconds(slot)) {
            pairs.flag(slot, windows.firstStart(slot), t);
        } else if (pairs.flagged(slot) && t <= pairs.flaggedUntil(slot) + windows.window()) {
            pairs.flag(slot, t, t);
        }
    }

    /** From the first counted connection's start to the latest end. */
    private double spanSeconds(int slot) {
        return Math.max(1e-3, (lastEnd[slot] - windows.firstStart(slot)) / 1e9);
    }

    private int slot(Flow flow, long t) {
        int slot = pairs.findOrAdd(flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo, Keys.version(flow.ipVersion), t);
        if (pairs.fresh()) {
            windows.reset(slot);
            lastRequest[slot] = -1;
            lastEnd[slot] = Long.MIN_VALUE;
        }
        return slot;
    }

    private boolean isPacketFlood(Flow flow, FlowFacts facts, boolean icmp) {
        long sent = facts.forwardPackets();
        double seconds = Math.max(1e-9, (flow.lastNanos() - flow.firstNanos()) / 1e9);
        if (flow.protocol == DecodedPacket.UDP && flow.dstPort == 53 && sent >= dnsQueries && sent / seconds >= dnsRate) {
            return true;
        }
        if (sent < packetThreshold) {
            return false;
        }
        double rate = sent / seconds;
        boolean empty = icmp || facts.tcpWithoutData(flow.protocol)
                || flow.protocol == DecodedPacket.UDP && facts.forwardPayload() == 0;
        if (empty && rate >= emptyPacketRate) {
            return true; // packets that carry nothing: no service needs thousands at this rate
        }
        boolean oneSided = facts.backwardPackets() * 10 <= sent;
        return rate >= packetRate && oneSided;
    }

    @Override
    public boolean covers(Flow flow) {
        long t = flow.firstNanos();
        long version = Keys.version(flow.ipVersion);
        return pairs.covers(pairs.find(flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo, version), t)
                || pairs.covers(pairs.find(flow.dstHi, flow.dstLo, flow.srcHi, flow.srcLo, version), t);
    }

    @Override
    public long evictions() {
        return pairs.evictions();
    }
}
