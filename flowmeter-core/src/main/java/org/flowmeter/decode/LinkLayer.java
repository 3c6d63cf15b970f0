package org.flowmeter.decode;

import static org.flowmeter.decode.Bytes.u16;
import static org.flowmeter.decode.Bytes.u32;
import static org.flowmeter.decode.Bytes.u32le;
import static org.flowmeter.decode.Bytes.u8;

import org.flowmeter.pcap.LinkType;

/**
 * Finds where the IP header starts behind a link-layer header. To stay allocation-free the
 * answer is packed into one long: {@code position << 8 | ipVersion} (ipVersion 0 = read it
 * from the first nibble), or a negative {@link #skip(SkipReason) skip code}. A skip code carries a
 * detail for the skip counts: the link type not supported, the EtherType of a non-IP frame. The
 * VLAN ids met on the way are written to the packet.
 */
final class LinkLayer {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88A8;
    /** Pre-standard double tagging, still seen on older switches. */
    static final int ETHERTYPE_QINQ_OLD = 0x9100;
    static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
    static final int ETHERTYPE_MPLS_UNICAST = 0x8847;
    static final int ETHERTYPE_MPLS_MULTICAST = 0x8848;
    /** A label stack this deep is damage or a loop, not a real network. */
    static final int MAX_MPLS_LABELS = 16;
    private static final int VLAN_ID_BITS = 12;
    private static final int PPPOE_HEADER = 6;
    private static final int PPP_IPV4 = 0x0021;
    private static final int PPP_IPV6 = 0x0057;

    static final int AF_INET = 2;
    /** AF_INET6 differs between BSDs (NetBSD/OpenBSD 24, FreeBSD 28, macOS 30). */
    static final int AF_INET6_BSD = 24;
    static final int AF_INET6_FREEBSD = 28;
    static final int AF_INET6_DARWIN = 30;

    private static final SkipReason[] REASONS = SkipReason.values();

    private LinkLayer() {
    }

    static long locateIp(int linkType, byte[] b, int start, int end, DecodedPacket out) {
        int captured = end - start;
        switch (linkType) {
            case LinkType.ETHERNET:
                return captured < 14 ? skip(SkipReason.TRUNCATED) : etherType(b, start + 12, start + 14, end, out);
            case LinkType.LINUX_SLL:
                return captured < 16 ? skip(SkipReason.TRUNCATED) : etherType(b, start + 14, start + 16, end, out);
            case LinkType.LINUX_SLL2:
                return captured < 20 ? skip(SkipReason.TRUNCATED) : etherType(b, start, start + 20, end, out);
            case LinkType.RAW:
            case LinkType.RAW_OPENBSD:
            case LinkType.RAW_BSDOS:
                return found(start, 0);
            case LinkType.IPV4:
                return found(start, 4);
            case LinkType.IPV6:
                return found(start, 6);
            case LinkType.NULL:
                if (captured < 4) {
                    return skip(SkipReason.TRUNCATED);
                }
                // Written in the capturing host's byte order, which the file does not tell.
                int family = addressFamily(u32(b, start));
                return loopback(start, family != 0 ? family : addressFamily(u32le(b, start)));
            case LinkType.LOOP:
                return captured < 4 ? skip(SkipReason.TRUNCATED) : loopback(start, addressFamily(u32(b, start)));
            default:
                return skip(SkipReason.UNSUPPORTED_LINK_TYPE, linkType);
        }
    }

    static int position(long located) {
        return (int) (located >>> 8);
    }

    static int ipVersion(long located) {
        return (int) (located & 0xFF);
    }

    static boolean isSkip(long located) {
        return located < 0;
    }

    static SkipReason reason(long located) {
        return REASONS[(int) ((-1 - located) & 0xFF)];
    }

    /** The link type or EtherType a skip code names; -1 when it names none. */
    static int detail(long located) {
        return (int) ((-1 - located) >>> 8) - 1;
    }

    static long skip(SkipReason reason) {
        return -1L - reason.ordinal();
    }

    static long skip(SkipReason reason, int detail) {
        return -1L - (reason.ordinal() | (detail + 1L) << 8);
    }

    private static long found(int position, int ipVersion) {
        return (long) position << 8 | ipVersion;
    }

    private static long loopback(int start, int ipVersion) {
        return ipVersion == 0 ? skip(SkipReason.NON_IP) : found(start + 4, ipVersion);
    }

    /** Maps a BSD family to 4 or 6; 0 when it is neither (loopback may carry other families). */
    private static int addressFamily(long family) {
        if (family == AF_INET) {
            return 4;
        }
        if (family == AF_INET6_BSD || family == AF_INET6_FREEBSD || family == AF_INET6_DARWIN) {
            return 6;
        }
        return 0;
    }

    /** Reads an EtherType at {@code typeAt}, steps over any stack of VLAN tags after {@code next}. */
    private static long etherType(byte[] b, int typeAt, int next, int end, DecodedPacket out) {
        return payload(u16(b, typeAt), b, next, end, out);
    }

    /**
     * Finds IP in what follows a header naming its payload by EtherType (Ethernet, Linux cooked,
     * GRE): any stack of VLAN tags, then IPv4, IPv6, PPPoE or an MPLS label stack. The packet's
     * VLAN is set from the tags met here (the outer tag's id above the next one's; 0 untagged).
     */
    static long payload(int type, byte[] b, int next, int end, DecodedPacket out) {
        int position = next;
        int vlan = 0;
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD) {
            if (end - position < 4) {
                return skip(SkipReason.TRUNCATED);
            }
            // Tag control information (priority, VLAN id) first, then the inner type. Two ids fit.
            vlan = vlan << VLAN_ID_BITS | (u16(b, position) & 0x0FFF);
            type = u16(b, position + 2);
            position += 4;
        }
        out.vlan = vlan;
        if (type == ETHERTYPE_IPV4) {
            return found(position, 4);
        }
        if (type == ETHERTYPE_IPV6) {
            return found(position, 6);
        }
        if (type == ETHERTYPE_PPPOE_SESSION) {
            return pppoe(b, position, end);
        }
        if (type == ETHERTYPE_MPLS_UNICAST || type == ETHERTYPE_MPLS_MULTICAST) {
            return mpls(b, position, end);
        }
        // Everything else, including 802.3 frames whose "type" (<= 1500) is a length, is not IP.
        return skip(SkipReason.NON_IP, type);
    }

    /**
     * An MPLS label stack: labels up to the one with the bottom-of-stack bit, then IP told by its
     * first nibble, as tshark does by default. Anything else (pseudowires) is not IP here.
     */
    private static long mpls(byte[] b, int position, int end) {
        for (int labels = 1; ; labels++) {
            if (end - position < 4) {
                return skip(SkipReason.TRUNCATED);
            }
            boolean bottom = (u8(b, position + 2) & 1) != 0;
            position += 4;
            if (bottom) {
                break;
            }
            if (labels == MAX_MPLS_LABELS) {
                return skip(SkipReason.MALFORMED);
            }
        }
        if (position >= end) {
            return skip(SkipReason.TRUNCATED);
        }
        int version = u8(b, position) >>> 4;
        if (version == 4 || version == 6) {
            return found(position, version);
        }
        return skip(SkipReason.NON_IP, ETHERTYPE_MPLS_UNICAST);
    }

    /** A PPPoE session header, then a two-byte PPP protocol: IPv4 and IPv6 are followed. */
    private static long pppoe(byte[] b, int position, int end) {
        if (end - position < PPPOE_HEADER + 2) {
            return skip(SkipReason.TRUNCATED);
        }
        int protocol = u16(b, position + PPPOE_HEADER);
        int ip = position + PPPOE_HEADER + 2;
        if (protocol == PPP_IPV4) {
            return found(ip, 4);
        }
        if (protocol == PPP_IPV6) {
            return found(ip, 6);
        }
        return skip(SkipReason.NON_IP, ETHERTYPE_PPPOE_SESSION);
    }
}
