package org.flowmeter.detect;

import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.IcmpKeys;
import org.flowmeter.flow.Flow;

/**
 * ICMPv6 messages that run the link rather than probe a host: MLD (130-132, 143) and neighbour
 * discovery (router solicitation and advertisement, neighbour solicitation and advertisement,
 * redirect: 133-137). A neighbour solicitation and the advertisement that answers it are two
 * flows (their types differ), so each reads as unanswered; and a host asks the unicast address of
 * each neighbour it resolves or checks is still there. A router made to resolve many addresses
 * of its prefix (by a scan from outside, or a flood of made-up sources) sends one to each.
 * ICMPv4 router discovery (router advertisement 9 and solicitation 10) is the same kind of
 * message: a router answers each host's solicitation with a unicast advertisement that nothing
 * answers.
 */
final class NeighbourDiscovery {
    static final int MLD_QUERY = 130;
    static final int MLD_DONE = 132;
    static final int ROUTER_SOLICITATION = 133;
    static final int ROUTER_ADVERTISEMENT = 134;
    static final int NEIGHBOUR_SOLICITATION = 135;
    static final int REDIRECT = 137;
    static final int MLD_REPORT_V2 = 143;
    static final int MULTICAST_ROUTER_ADVERTISEMENT = 151;
    static final int ICMPV4_ROUTER_ADVERTISEMENT = 9;
    static final int ICMPV4_ROUTER_SOLICITATION = 10;

    private NeighbourDiscovery() {
    }

    /**
     * Whether the flow is one of these messages (queries such as echo carry an identifier instead
     * of a type in the ports: {@link IcmpKeys#messageType}). A flow that local networks turned
     * around holds only backward packets: not unanswered, so scan does not count it anyway.
     */
    static boolean isLinkControl(Flow flow) {
        if (flow.protocol == DecodedPacket.ICMP) {
            int type = IcmpKeys.messageType(flow.srcPort, flow.dstPort);
            return type == ICMPV4_ROUTER_ADVERTISEMENT || type == ICMPV4_ROUTER_SOLICITATION;
        }
        int type = icmpv6Type(flow);
        return type >= MLD_QUERY && type <= MLD_DONE || type >= ROUTER_SOLICITATION && type <= REDIRECT
                || type == MLD_REPORT_V2;
    }

    /** The ICMPv6 message type of a flow that is not a query, or -1. */
    static int icmpv6Type(Flow flow) {
        return flow.protocol == DecodedPacket.ICMPV6 ? IcmpKeys.messageType(flow.srcPort, flow.dstPort) : -1;
    }
}
