package org.flowmeter.detect;

import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Flow;

/**
 * ICMPv6 messages that run the link rather than probe a host: MLD (130-132, 143) and neighbour
 * discovery (router solicitation and advertisement, neighbour solicitation and advertisement,
 * redirect: 133-137). A neighbour solicitation and the advertisement that answers it are two
 * flows (their types differ), so each reads as unanswered; and a host asks the unicast address of
 * each neighbour it resolves or checks is still there. A router made to resolve many addresses
 * of its prefix (by a scan from outside, or a flood of made-up sources) sends one to each.
 */
final class NeighbourDiscovery {
    private static final int MLD_QUERY = 130;
    private static final int MLD_DONE = 132;
    private static final int ROUTER_SOLICITATION = 133;
    private static final int REDIRECT = 137;
    private static final int MLD_REPORT_V2 = 143;

    private NeighbourDiscovery() {
    }

    /**
     * Whether the flow is one of these messages. The decoder gives them srcPort 0 and dstPort
     * type << 8 | code; queries (echo) carry an identifier and a type below 256 instead. (A flow
     * that local networks turned around holds only backward packets: not unanswered, so scan
     * does not count it anyway.)
     */
    static boolean isLinkControl(Flow flow) {
        if (flow.protocol != DecodedPacket.ICMPV6 || flow.srcPort != 0) {
            return false;
        }
        int type = flow.dstPort >>> 8;
        return type >= MLD_QUERY && type <= MLD_DONE || type >= ROUTER_SOLICITATION && type <= REDIRECT
                || type == MLD_REPORT_V2;
    }
}
