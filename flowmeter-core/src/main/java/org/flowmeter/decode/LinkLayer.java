package org.flowmeter.decode;

import static org.flowmeter.decode.Bytes.u16;
import static org.flowmeter.decode.Bytes.u32;
import static org.flowmeter.decode.Bytes.u32le;

import org.flowmeter.pcap.LinkType;

/**
 * Finds where the IP header starts behind a link-layer header. To stay allocation-free the
 * answer is packed into one long: {@code position << 8 | ipVersion} (ipVersion 0 = read it
 * from the first nibble), or a negative {@link #skip(SkipReason) skip code}.
 */
final class LinkLayer {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88A8;
    /** Pre-standard double tagging, still seen on older switches. */
    static final int ETHERTYPE_QINQ_OLD = 0x9100;
    static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
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

    static long locateIp(int linkType, byte[] b, int start, int end) {
        int captured = end - start;
        switch (linkType) {
            case LinkType.ETHERNET:
                return captured < 14 ? skip(SkipReason.TRUNCATED) : etherType(b, start + 12, start + 14, end);
            case LinkType.LINUX_SLL:
                return captured < 16 ? skip(SkipReason.TRUNCATED) : etherType(b, start + 14, start + 16, end);
            case LinkType.LINUX_SLL2:
                return captured < 20 ? skip(SkipReason.TRUNCATED) : etherType(b, start, start + 20, end);
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
                return skip(SkipReason.UNSUPPORTED_LINK_TYPE);
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
        return REASONS[(int) (-1 - located)];
    }

    static long skip(SkipReason reason) {
        return -1L - reason.ordinal();
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
    private static long etherType(byte[] b, int typeAt, int next, int end) {
        int type = u16(b, typeAt);
        int position = next;
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD) {
            if (end - position < 4) {
                return skip(SkipReason.TRUNCATED);
            }
            // Tag control information (priority, VLAN id) first, then the inner type.
            type = u16(b, position + 2);
            position += 4;
        }
        if (type == ETHERTYPE_IPV4) {
            return found(position, 4);
        }
        if (type == ETHERTYPE_IPV6) {
            return found(position, 6);
        }
        if (type == ETHERTYPE_PPPOE_SESSION) {
            return pppoe(b, position, end);
        }
        // Everything else, including 802.3 frames whose "type" (<= 1500) is a length, is not IP.
        return skip(SkipReason.NON_IP);
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
        return skip(SkipReason.NON_IP);
    }
}
