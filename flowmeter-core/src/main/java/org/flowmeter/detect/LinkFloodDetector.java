package org.flowmeter.detect;

import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Flow;

import static org.flowmeter.detect.NeighbourDiscovery.MLD_QUERY;
import static org.flowmeter.detect.NeighbourDiscovery.MULTICAST_ROUTER_ADVERTISEMENT;
import static org.flowmeter.detect.NeighbourDiscovery.NEIGHBOUR_SOLICITATION;
import static org.flowmeter.detect.NeighbourDiscovery.REDIRECT;
import static org.flowmeter.detect.NeighbourDiscovery.ROUTER_ADVERTISEMENT;

/**
 * A flood of link control messages to a multicast group from many sources: IPv6 router
 * advertisements, neighbour solicitations and advertisements, router solicitations, MLD reports
 * and DHCPv6 solicits with a new made-up source for each message (THC-IPv6's flood_router26,
 * flood_advertise6, flood_solicitate6, flood_mld6, flood_dhcpc6, ...). The other detectors leave
 * group destinations alone; here each message type to a group is a key, and the pattern is how
 * many distinct sources sent it within the window: {@link DetectorConfig#linkFloodSources}, or
 * {@link DetectorConfig#linkFloodRouterSources} for messages only routers send (a link has a few
 * routers, never dozens) and for neighbour solicitations to a group that no host sends them to. Counted: ICMP and ICMPv6 except echo, DHCP to its server ports, and
 * protocols without ports (extension headers whose protocol lies in a later fragment, IGMP).
 * Covers every flow of that message type to that group in the flood's span.
 */
public final class LinkFloodDetector implements Detector {
    public static final String NAME = "link-flood";
    private static final int MESSAGES = 0;
    private static final long SOLICITED_NODE_HI = 0xFF02_0000_0000_0000L;
    private static final long SOLICITED_NODE_LO = 0x0000_0001_FF00_0000L;
    private static final long SOLICITED_NODE_MASK = 0xFFFF_FFFF_FF00_0000L;
    private static final int DHCP_SERVER = 67;
    private static final int DHCPV6_SERVER = 547;
    /**
     * Keys are groups times message types, a few hundred on a busy link; each slot may hold a
     * window of distinct sources up to the threshold, so the table is kept far smaller than the
     * other detectors' (8,192 slots would reserve 66 MB of the memory cap for it).
     */
    private static final int MAX_GROUP_SLOTS = 1 << 9;

    private final int sourceThreshold;
    private final int routerSourceThreshold;
    private final KeyTable groups;
    private final SlotWindows windows;

    public LinkFloodDetector(DetectorConfig config) {
        this.sourceThreshold = config.linkFloodSources;
        this.routerSourceThreshold = config.linkFloodRouterSources;
        this.groups = new KeyTable(Math.min(config.tableSize, MAX_GROUP_SLOTS));
        this.windows = new SlotWindows(groups.slots(), config.linkFloodWindow.toNanos(), 1,
                Math.max(sourceThreshold, routerSourceThreshold));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow flow, FlowFacts facts) {
        if (!AddressKinds.isGroup(flow.ipVersion, flow.dstHi, flow.dstLo) || !isControl(flow)) {
            return;
        }
        long t = flow.firstNanos();
        int slot = groups.findOrAdd(flow.dstHi, flow.dstLo, 0, 0,
                Keys.service(flow.ipVersion, flow.protocol, flow.dstPort), t);
        if (groups.fresh()) {
            windows.reset(slot);
        }
        windows.roll(slot, t);
        windows.add(slot, MESSAGES, 1);
        windows.mark(slot, KeyTable.mix(flow.srcHi) ^ flow.srcLo);
        windows.counted(slot, t);
        int threshold = sentByRouters(flow) || misdirectedSolicitation(flow) ? routerSourceThreshold : sourceThreshold;
        if (windows.distinct(slot) >= threshold) {
            groups.flag(slot, windows.firstStart(slot), t);
        } else if (groups.flagged(slot) && t <= groups.flaggedUntil(slot) + windows.window()) {
            groups.flag(slot, t, t);
        }
    }

    /** Messages that run a link (discovery, group membership, address assignment), not data. */
    private static boolean isControl(Flow flow) {
        switch (flow.protocol) {
            case DecodedPacket.TCP:
                return false;
            case DecodedPacket.UDP:
                return flow.dstPort == DHCPV6_SERVER || flow.dstPort == DHCP_SERVER;
            case DecodedPacket.ICMP:
            case DecodedPacket.ICMPV6:
                // Echo and the other queries carry an identifier and a query type in the ports; every
                // other message has srcPort 0 and dstPort type << 8 | code, or 0 when its type lies
                // in a later fragment (RA guard evasion).
                return flow.srcPort == 0 && (flow.dstPort > 0xFF || flow.dstPort == 0);
            default:
                return true;
        }
    }

    /** Router advertisements, redirects, MLD queries and multicast router advertisements. */
    private static boolean sentByRouters(Flow flow) {
        int type = NeighbourDiscovery.icmpv6Type(flow);
        return type == ROUTER_ADVERTISEMENT || type == REDIRECT || type == MLD_QUERY
                || type == MULTICAST_ROUTER_ADVERTISEMENT;
    }

    /**
     * A neighbour solicitation to a group other than a solicited-node group (ff02::1:ffXX:XXXX):
     * a host resolving a neighbour asks that group or the neighbour itself, never all nodes, so only
     * a tool sends these (flood_solicitate6 sends them to ff02::1).
     */
    private static boolean misdirectedSolicitation(Flow flow) {
        if (NeighbourDiscovery.icmpv6Type(flow) != NEIGHBOUR_SOLICITATION) {
            return false;
        }
        return !(flow.dstHi == SOLICITED_NODE_HI && (flow.dstLo & SOLICITED_NODE_MASK) == SOLICITED_NODE_LO);
    }

    @Override
    public boolean covers(Flow flow) {
        int slot = groups.find(flow.dstHi, flow.dstLo, 0, 0, Keys.service(flow.ipVersion, flow.protocol, flow.dstPort));
        return groups.covers(slot, flow.firstNanos());
    }

    @Override
    public long distinctValueBytes() {
        return windows.valueSetsBytes();
    }

    @Override
    public long evictions() {
        return groups.evictions();
    }
}
