package org.flowmeter.detect;

import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Flow;

/**
 * A flood from one source to one host: very many flows that carry no conversation (UDP, ICMP, or
 * TCP without payload: SYN, ACK, FIN, RST or Xmas floods) within the window
 * ({@link DetectorConfig#floodFlows}), or a single flow of very many packets at a high rate that
 * is nearly unanswered ({@link DetectorConfig#floodPackets}), or carries nothing (ICMP, TCP without data, empty
 * UDP datagrams) at a lower rate ({@link DetectorConfig#floodEmptyPacketRate}), or a
 * single DNS flow of very many queries ({@link DetectorConfig#floodDnsQueries}).
 * A load test is left alone: its TCP connections carry requests and answers. To a multicast
 * group, only one ICMP flow at a flood's rate counts. Covers every flow between the two hosts in
 * the flood's span.
 */
public final class FloodDetector implements Detector {
    public static final String NAME = "flood";
    private static final int FLOWS = 0;

    private final int flowThreshold;
    private final long packetThreshold;
    private final double packetRate;
    private final double emptyPacketRate;
    private final long dnsQueries;
    private final double dnsRate;
    private final KeyTable pairs;
    private final SlotWindows windows;

    public FloodDetector(DetectorConfig config) {
        this.flowThreshold = config.floodFlows;
        this.packetThreshold = config.floodPackets;
        this.packetRate = config.floodPacketRate;
        this.emptyPacketRate = Math.min(config.floodEmptyPacketRate, config.floodPacketRate);
        this.dnsQueries = config.floodDnsQueries;
        this.dnsRate = config.floodDnsRate;
        this.pairs = new KeyTable(config.tableSize);
        this.windows = new SlotWindows(pairs.slots(), config.floodWindow.toNanos(), 1, 0);
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
        int slot = pairs.findOrAdd(flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo, Keys.version(flow.ipVersion), t);
        if (pairs.fresh()) {
            windows.reset(slot);
        }
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
