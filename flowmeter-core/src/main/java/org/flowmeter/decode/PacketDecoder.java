package org.flowmeter.decode;

import static org.flowmeter.decode.Bytes.u16;
import static org.flowmeter.decode.Bytes.u32;
import static org.flowmeter.decode.Bytes.u64;
import static org.flowmeter.decode.Bytes.u8;

import org.flowmeter.pcap.RawPacket;

/**
 * Decodes captured frames into {@link DecodedPacket}s: link layer, IPv4/IPv6, tunnels, then TCP,
 * UDP, ICMP or ICMPv6, or any other IP protocol. Allocates nothing per packet and never throws;
 * anything it cannot use is reported and counted as a {@link SkipReason}. Not thread-safe: use
 * one decoder per thread.
 *
 * <h2>Link layers</h2>
 * Ethernet II with any stack of 802.1Q/802.1ad (0x8100, 0x88A8, 0x9100) tags; MPLS label stacks
 * (0x8847, 0x8848) with IP after the bottom label; PPPoE sessions; Linux cooked SLL and SLL2;
 * raw IP (version from the first nibble); BSD NULL (family in either byte order) and LOOP.
 * 802.3/LLC frames, ARP, LLDP and other non-IP payloads are {@code NON_IP}, counted by EtherType;
 * unknown link types are counted by number. The VLAN ids of the Ethernet header nearest the IP
 * header are part of the flow key ({@link DecodedPacket#vlan}) unless {@link #setVlanInKey} is off.
 *
 * <h2>Tunnels</h2>
 * The flow is the innermost packet's, as tshark shows it: IPv4-in-IP (4), IPv6-in-IP (41), GRE
 * (47, version 0) carrying IP, MPLS, transparent Ethernet (0x6558) or ERSPAN types I, II (0x88BE)
 * and III (0x22EB, Ethernet frames), and VXLAN (UDP port 4789), nested in any order up to
 * {@value #MAX_ENCAPSULATION} levels. Fragmented tunnel packets, tunnels deeper than that (or
 * looping), and insides that cannot be read stay flows of their outer protocol: nothing vanishes.
 *
 * <h2>Protocols</h2>
 * TCP, UDP, SCTP and ICMP/ICMPv6 give ports (see below). Every other IP protocol (ESP, AH-only,
 * OSPF, IGMP, VRRP, PIM, GRE that is not followed...) gives a flow keyed by addresses and
 * protocol, with ports 0, no transport header and the IP payload as its payload.
 *
 * <h2>Lengths</h2>
 * Lengths come from the IP header, not from the captured bytes, so snaplen-cut captures keep
 * their true sizes, and bytes after the IP packet (Ethernet padding) are ignored. When the
 * IPv4 total length or IPv6 payload length is 0 (segmentation offload or BIG TCP captured
 * before the NIC fills it in, or an IPv6 jumbogram), the IP length is taken as the wire length
 * minus the link header, or the captured IP bytes if that is larger.
 * A header the IP length leaves no room for is {@code MALFORMED}; one the capture cut short is
 * {@code TRUNCATED}. A TCP or UDP header cut by the snaplen after its ports still names its flow.
 * A TCP header cut before its data offset leaves the payload length unknown: 0, marked
 * {@code CUT_PAYLOAD} in {@code tcpCut}.
 *
 * <h2>ICMP and ICMPv6 in the port fields</h2>
 * Query messages that carry an identifier (ICMPv4 echo 8/0, timestamp 13/14, information 15/16,
 * address mask 17/18; ICMPv6 echo 128/129): a request gets {@code srcPort = identifier,
 * dstPort = request type}; a reply gets {@code srcPort = request type, dstPort = identifier}.
 * A reply's tuple is thus the exact reverse of its request's, and both land in one
 * bidirectional flow. Every other message gets {@code srcPort = 0,
 * dstPort = type << 8 | code}, so e.g. each kind of unreachable forms its own flow.
 * {@code transportHeaderLength} is 8 (less only when the IP length is shorter).
 *
 * <h2>Fragments</h2>
 * A first fragment (offset 0, more fragments set) is decoded normally and its protocol and
 * ports are remembered, keyed by source, destination, the IP header's protocol (IPv6: the
 * fragment header's next header) and identification. It needs to carry only the ports: a first
 * fragment holding less than the whole TCP header (the tiny-fragment evasion) still joins its
 * flow, and a later fragment that holds the rest of the header gives the TCP flags. A later
 * fragment (offset &gt; 0) found there is decoded with those ports, {@code laterFragment = true},
 * and its own fragment payload as {@code payloadLength}; otherwise (first fragment not seen,
 * arrived out of order, or forgotten) it is {@code UNMATCHED_FRAGMENT}. Fragments of protocols
 * without ports need no table. An IPv6 first fragment whose extension headers go on past its end
 * (the upper-layer header in a later fragment: RA guard evasion) is a flow of the protocol its
 * last header names, ports 0, and is remembered like the others. The table is bounded (4096 entries by default, oldest
 * overwritten) and forgets entries after 30 s of packet time without a fragment. It is the
 * decoder's only state besides its counters and settings.
 */
public final class PacketDecoder {
    static final int IPV4_MIN_HEADER = 20;
    static final int IPV6_HEADER = 40;
    static final int HOP_BY_HOP = 0;
    static final int ROUTING = 43;
    static final int FRAGMENT = 44;
    static final int AUTHENTICATION = 51;
    static final int DESTINATION_OPTIONS = 60;
    static final int IP_IN_IP = 4;
    static final int IPV6_IN_IP = 41;
    static final int GRE = 47;
    static final int VXLAN_PORT = 4789;
    /** Encapsulations followed at most; a deeper one (or a loop) stays a flow of its outer protocol. */
    public static final int MAX_ENCAPSULATION = 8;

    /** Inside of a VXLAN packet, next to the IP protocol numbers of the other tunnels. */
    private static final int VXLAN = -1;
    private static final int GRE_CHECKSUM = 0x8000;
    private static final int GRE_ROUTING = 0x4000;
    private static final int GRE_KEY = 0x2000;
    private static final int GRE_SEQUENCE = 0x1000;
    private static final int GRE_VERSION = 0x0007;
    private static final int GRE_ETHERNET = 0x6558;
    private static final int GRE_ERSPAN_1_2 = 0x88BE;
    private static final int GRE_ERSPAN_3 = 0x22EB;
    private static final int ETHERNET_HEADER = 14;
    private static final int VXLAN_HEADER = 8;

    private static final SkipReason[] REASONS = SkipReason.values();

    private final FragmentTable fragments;
    /** The packet as its outer protocol's flow, one per level, restored when an inside is unreadable. */
    private final DecodedPacket[] outer = new DecodedPacket[MAX_ENCAPSULATION];
    private final long[] skipped = new long[REASONS.length];
    private final SkipDetails linkTypes = new SkipDetails();
    private final SkipDetails etherTypes = new SkipDetails();
    private long decoded;
    private long tunnelsNotFollowed;
    private boolean vlanInKey = true;

    public PacketDecoder() {
        this(FragmentTable.DEFAULT_CAPACITY);
    }

    /** @param fragmentCapacity slots for first fragments awaiting their later fragments */
    public PacketDecoder(int fragmentCapacity) {
        fragments = new FragmentTable(fragmentCapacity);
        for (int i = 0; i < outer.length; i++) {
            outer[i] = new DecodedPacket();
        }
    }

    /** Whether the VLAN ids are part of the flow key (default true); off, flows on every VLAN merge. */
    public void setVlanInKey(boolean vlanInKey) {
        this.vlanInKey = vlanInKey;
    }

    /**
     * Decodes one packet into {@code out} (all its fields are overwritten).
     *
     * @return null when {@code out} now describes a packet that belongs in a flow, else why not
     */
    public SkipReason decode(RawPacket raw, DecodedPacket out) {
        SkipReason reason = decodeUncounted(raw, out);
        if (reason == null) {
            decoded++;
            if (!vlanInKey) {
                out.vlan = 0;
            }
        } else {
            skipped[reason.ordinal()]++;
        }
        return reason;
    }

    /** Packets that {@link #decode} accepted. */
    public long decoded() {
        return decoded;
    }

    public long skipped(SkipReason reason) {
        return skipped[reason.ordinal()];
    }

    public long skippedTotal() {
        long sum = 0;
        for (long count : skipped) {
            sum += count;
        }
        return sum;
    }

    /**
     * The skipped count of {@code reason} for a summary, naming what was skipped where that is
     * known: "unsupported link type 23: 5" or "non-IP 3 (EtherType 0x0806: 3)"; "" when none.
     */
    public String describeSkipped(SkipReason reason) {
        long n = skipped(reason);
        if (n == 0) {
            return "";
        }
        if (reason == SkipReason.UNSUPPORTED_LINK_TYPE) {
            return linkTypes.describe(reason.label(), false);
        }
        if (reason == SkipReason.NON_IP) {
            String types = etherTypes.describe("EtherType", true);
            return reason.label() + " " + n + (types.isEmpty() ? "" : " (" + types + ")");
        }
        return reason.label() + " " + n;
    }

    /** Tunnel packets counted as flows of their outer protocol: too deep, fragmented or unreadable inside. */
    public long tunnelsNotFollowed() {
        return tunnelsNotFollowed;
    }

    private SkipReason decodeUncounted(RawPacket raw, DecodedPacket out) {
        clear(out);
        out.timestampNanos = raw.timestampNanos;
        out.inputIndex = raw.inputIndex;
        out.wireLength = raw.originalLength;
        byte[] b = raw.data;
        int start = raw.offset;
        if (b == null || start < 0 || start > b.length || raw.capturedLength < 0) {
            return SkipReason.TRUNCATED;
        }
        int end = start + Math.min(raw.capturedLength, b.length - start);
        long located = LinkLayer.locateIp(raw.linkType, b, start, end, out);
        if (LinkLayer.isSkip(located)) {
            SkipReason reason = LinkLayer.reason(located);
            if (reason == SkipReason.UNSUPPORTED_LINK_TYPE) {
                linkTypes.count(LinkLayer.detail(located));
            } else if (reason == SkipReason.NON_IP) {
                etherTypes.count(LinkLayer.detail(located));
            }
            return reason;
        }
        int ip = LinkLayer.position(located);
        if (ip >= end) {
            return SkipReason.TRUNCATED;
        }
        int version = u8(b, ip) >>> 4;
        int expected = LinkLayer.ipVersion(located);
        if (expected != 0 && version != expected) {
            return SkipReason.MALFORMED;
        }
        int available = end - ip;
        // Upper bound keeps offset arithmetic far from int overflow on nonsense wire lengths.
        int wireIpLength = (int) Math.min(Math.max(0L, (long) raw.originalLength - (ip - start)), 1 << 30);
        return ipPacket(version, b, ip, available, wireIpLength, raw.timestampNanos, out, 0);
    }

    private SkipReason ipPacket(int version, byte[] b, int ip, int available, int wireIpLength, long now,
                                DecodedPacket out, int depth) {
        if (version == 4) {
            return ipv4(b, ip, available, wireIpLength, now, out, depth);
        }
        if (version == 6) {
            return ipv6(b, ip, available, wireIpLength, now, out, depth);
        }
        return SkipReason.MALFORMED;
    }

    private SkipReason ipv4(byte[] b, int ip, int available, int wireIpLength, long now, DecodedPacket out,
                            int depth) {
        if (available < IPV4_MIN_HEADER) {
            return SkipReason.TRUNCATED;
        }
        int headerLength = (u8(b, ip) & 0x0F) * 4;
        if (headerLength < IPV4_MIN_HEADER) {
            return SkipReason.MALFORMED;
        }
        int total = u16(b, ip + 2);
        if (total != 0 && total < headerLength) {
            return SkipReason.MALFORMED;
        }
        if (available < headerLength) {
            return SkipReason.TRUNCATED;
        }
        if (total == 0) {
            total = Math.max(wireIpLength, available);
        }
        int protocol = u8(b, ip + 9);
        out.ipVersion = 4;
        out.srcLo = u32(b, ip + 12);
        out.dstLo = u32(b, ip + 16);
        out.ipHeaderLength = headerLength;
        out.ipTotalLength = total;
        int flagsAndOffset = u16(b, ip + 6);
        int fragmentOffset = (flagsAndOffset & 0x1FFF) * 8;
        boolean moreFragments = (flagsAndOffset & 0x2000) != 0;
        long identification = u16(b, ip + 4);
        if (fragmentOffset != 0) {
            return laterFragment(protocol, identification, fragmentOffset, b, ip + headerLength,
                    Math.min(available, total) - headerLength, total - headerLength, now, out);
        }
        return transport(protocol, moreFragments, protocol, identification, b, ip, headerLength, available, total,
                now, out, depth);
    }

    private SkipReason ipv6(byte[] b, int ip, int available, int wireIpLength, long now, DecodedPacket out,
                            int depth) {
        if (available < IPV6_HEADER) {
            return SkipReason.TRUNCATED;
        }
        int payloadLength = u16(b, ip + 4);
        int total = payloadLength != 0 ? IPV6_HEADER + payloadLength : Math.max(wireIpLength, available);
        out.ipVersion = 6;
        out.srcHi = u64(b, ip + 8);
        out.srcLo = u64(b, ip + 16);
        out.dstHi = u64(b, ip + 24);
        out.dstLo = u64(b, ip + 32);
        out.ipTotalLength = total;
        int next = u8(b, ip + 6);
        int offset = IPV6_HEADER;
        boolean firstFragment = false;
        int fragmentKey = 0;
        long identification = 0;
        while (true) {
            out.ipHeaderLength = offset;
            if (firstFragment && offset >= total) {
                return headersGoOnInLaterFragment(next, fragmentKey, identification, now, out);
            }
            switch (next) {
                case HOP_BY_HOP:
                case ROUTING:
                case DESTINATION_OPTIONS:
                case AUTHENTICATION: {
                    SkipReason missing = TransportHeaders.require(offset, 2, available, total);
                    if (missing != null) {
                        return missing;
                    }
                    int lengthField = u8(b, ip + offset + 1);
                    // AH counts 4-byte units minus 2; the others 8-byte units minus 1.
                    int length = next == AUTHENTICATION ? (lengthField + 2) * 4 : (lengthField + 1) * 8;
                    next = u8(b, ip + offset);
                    offset += length;
                    break;
                }
                case FRAGMENT: {
                    SkipReason missing = TransportHeaders.require(offset, 8, available, total);
                    if (missing != null) {
                        return missing;
                    }
                    int at = ip + offset;
                    fragmentKey = u8(b, at);
                    int offsetAndFlags = u16(b, at + 2);
                    identification = u32(b, at + 4);
                    next = fragmentKey;
                    offset += 8;
                    if (offsetAndFlags >>> 3 != 0) {
                        out.ipHeaderLength = offset;
                        return laterFragment(fragmentKey, identification, (offsetAndFlags >>> 3) * 8, b, ip + offset,
                                Math.min(available, total) - offset, total - offset, now, out);
                    }
                    // An atomic fragment (no more fragments) is a whole packet: nothing to remember.
                    firstFragment = (offsetAndFlags & 1) != 0;
                    break;
                }
                default:
                    return transport(next, firstFragment, fragmentKey, identification, b, ip, offset, available, total,
                            now, out, depth);
            }
        }
    }

    /**
     * A first IPv6 fragment whose header chain goes on in the next fragment: its extension headers
     * fill it, so the header {@code next} (the transport, or one more extension header) lies in a
     * later fragment. RFC 7112 forbids this; RA guard evasion (RFC 7113, THC-IPv6's -F) does it. The
     * packet is a flow of protocol {@code next} with ports unknown (0), remembered so that its later
     * fragments join it.
     */
    private SkipReason headersGoOnInLaterFragment(int next, int fragmentKey, long identification, long now,
                                                  DecodedPacket out) {
        otherProtocol(next, 0, out);
        rememberFirstFragment(fragmentKey, identification, now, out);
        return null;
    }

    /**
     * What follows the IP header(s) at {@code offset}: a tunnel, a transport with ports, or any other
     * protocol. {@code keyProtocol} and {@code identification} key a first fragment's ports.
     */
    private SkipReason transport(int protocol, boolean firstFragment, int keyProtocol, long identification, byte[] b,
                                 int ip, int offset, int available, int total, long now, DecodedPacket out,
                                 int depth) {
        if (offset > total) {
            return SkipReason.MALFORMED;
        }
        if (!carriesPorts(protocol, out.ipVersion)) {
            otherProtocol(protocol, total - offset, out);
            if (!firstFragment && isTunnel(protocol)) {
                int end = ip + Math.min(available, total);
                return encapsulated(protocol, b, ip + offset, end, ip + total, now, out, depth);
            }
            return null;
        }
        SkipReason reason = TransportHeaders.decode(b, ip, offset, available, total, protocol, firstFragment, out);
        if (reason != null) {
            return reason;
        }
        if (firstFragment) {
            rememberFirstFragment(keyProtocol, identification, now, out);
        } else if (protocol == DecodedPacket.UDP && (out.dstPort == VXLAN_PORT || out.srcPort == VXLAN_PORT)) {
            int end = ip + Math.min(available, total);
            return encapsulated(VXLAN, b, ip + offset + TransportHeaders.UDP_LENGTH, end, ip + total, now, out, depth);
        }
        return null;
    }

    private static boolean carriesPorts(int protocol, int ipVersion) {
        return protocol == DecodedPacket.TCP || protocol == DecodedPacket.UDP || protocol == DecodedPacket.SCTP
                || protocol == (ipVersion == 4 ? DecodedPacket.ICMP : DecodedPacket.ICMPV6);
    }

    private static boolean isTunnel(int protocol) {
        return protocol == IP_IN_IP || protocol == IPV6_IN_IP || protocol == GRE;
    }

    /** A flow of any IP protocol: addresses and protocol, ports 0, the rest of the IP packet as payload. */
    private static void otherProtocol(int protocol, int payload, DecodedPacket out) {
        out.protocol = protocol;
        out.srcPort = 0;
        out.dstPort = 0;
        out.tcpFlags = 0;
        out.tcpWindow = 0;
        out.tcpSeq = 0;
        // A TCP flow whose header was not read (its ports unknown) knows none of its fields.
        out.tcpCut = protocol == DecodedPacket.TCP ? DecodedPacket.CUT_ALL : 0;
        out.transportHeaderLength = 0;
        out.payloadLength = payload;
        out.icmpType = -1;
        out.icmpCode = -1;
        out.dnsQuestion = -1;
        out.httpRequest = -1;
        out.dnsRcode = -1;
    }

    /**
     * Follows a tunnel whose inside starts at {@code p}; {@code end} is where its captured bytes end,
     * {@code declaredEnd} where the outer header says it ends. {@code out} describes the packet as a
     * flow of the outer protocol on entry, and still does on return when the inside is not read.
     */
    private SkipReason encapsulated(int kind, byte[] b, int p, int end, int declaredEnd, long now,
                                    DecodedPacket out, int depth) {
        if (depth >= MAX_ENCAPSULATION) {
            tunnelsNotFollowed++;
            return null;
        }
        DecodedPacket saved = outer[depth];
        saved.copyFrom(out);
        otherProtocol(0, 0, out);
        SkipReason inside = inside(kind, b, p, end, declaredEnd, now, out, depth + 1);
        if (inside != null) {
            out.copyFrom(saved);
            tunnelsNotFollowed++;
        }
        return null;
    }

    private SkipReason inside(int kind, byte[] b, int p, int end, int declaredEnd, long now, DecodedPacket out,
                              int depth) {
        switch (kind) {
            case IP_IN_IP:
            case IPV6_IN_IP: {
                if (p >= end) {
                    return SkipReason.TRUNCATED;
                }
                int version = u8(b, p) >>> 4;
                if (version != (kind == IP_IN_IP ? 4 : 6)) {
                    return SkipReason.MALFORMED;
                }
                return ipPacket(version, b, p, end - p, declaredEnd - p, now, out, depth);
            }
            case GRE:
                return gre(b, p, end, declaredEnd, now, out, depth);
            default:
                if (end - p < VXLAN_HEADER) {
                    return SkipReason.TRUNCATED;
                }
                return ethernet(b, p + VXLAN_HEADER, end, declaredEnd, now, out, depth);
        }
    }

    /** GRE version 0 (RFC 2784/2890): optional checksum, key and sequence words, then an EtherType. */
    private SkipReason gre(byte[] b, int g, int end, int declaredEnd, long now, DecodedPacket out, int depth) {
        if (end - g < 4) {
            return SkipReason.TRUNCATED;
        }
        int flags = u16(b, g);
        if ((flags & (GRE_VERSION | GRE_ROUTING)) != 0) {
            // Enhanced GRE (PPTP) and RFC 1701 source routes: the GRE flow itself.
            return SkipReason.MALFORMED;
        }
        int type = u16(b, g + 2);
        int p = g + 4 + ((flags & GRE_CHECKSUM) != 0 ? 4 : 0) + ((flags & GRE_KEY) != 0 ? 4 : 0)
                + ((flags & GRE_SEQUENCE) != 0 ? 4 : 0);
        if (p > end) {
            return SkipReason.TRUNCATED;
        }
        switch (type) {
            case GRE_ETHERNET:
                return ethernet(b, p, end, declaredEnd, now, out, depth);
            case GRE_ERSPAN_1_2:
                // Type I has no header of its own; type II (sequence number present) has 8 bytes, version 1.
                if ((flags & GRE_SEQUENCE) == 0) {
                    return ethernet(b, p, end, declaredEnd, now, out, depth);
                }
                if (end - p < 8) {
                    return SkipReason.TRUNCATED;
                }
                if (u8(b, p) >>> 4 != 1) {
                    return SkipReason.MALFORMED;
                }
                return ethernet(b, p + 8, end, declaredEnd, now, out, depth);
            case GRE_ERSPAN_3: {
                // 12 bytes, version 2; the last word holds the frame type (0 = Ethernet) and the
                // flag for an 8-byte platform-specific subheader.
                if (end - p < 12) {
                    return SkipReason.TRUNCATED;
                }
                long word = u32(b, p + 8);
                if (u8(b, p) >>> 4 != 2 || ((word >>> 10) & 0x1F) != 0) {
                    return SkipReason.MALFORMED;
                }
                return ethernet(b, p + 12 + ((word & 1) != 0 ? 8 : 0), end, declaredEnd, now, out, depth);
            }
            default:
                return ipAfter(LinkLayer.payload(type, b, p, end, out), b, end, declaredEnd, now, out, depth);
        }
    }

    private SkipReason ethernet(byte[] b, int e, int end, int declaredEnd, long now, DecodedPacket out, int depth) {
        if (end - e < ETHERNET_HEADER) {
            return SkipReason.TRUNCATED;
        }
        return ipAfter(LinkLayer.payload(u16(b, e + 12), b, e + ETHERNET_HEADER, end, out), b, end, declaredEnd, now,
                out, depth);
    }

    private SkipReason ipAfter(long located, byte[] b, int end, int declaredEnd, long now, DecodedPacket out,
                               int depth) {
        if (LinkLayer.isSkip(located)) {
            return LinkLayer.reason(located);
        }
        int ip = LinkLayer.position(located);
        if (ip >= end) {
            return SkipReason.TRUNCATED;
        }
        int version = u8(b, ip) >>> 4;
        int expected = LinkLayer.ipVersion(located);
        if (expected != 0 && version != expected) {
            return SkipReason.MALFORMED;
        }
        return ipPacket(version, b, ip, end - ip, Math.max(0, declaredEnd - ip), now, out, depth);
    }

    private void rememberFirstFragment(int keyProtocol, long identification, long now, DecodedPacket out) {
        fragments.remember(out.srcHi, out.srcLo, out.dstHi, out.dstLo, keyProtocol, identification, now,
                out.protocol, out.srcPort, out.dstPort);
    }

    /**
     * A fragment at {@code fragmentOffset} bytes into its datagram, whose bytes start at {@code p}:
     * {@code captured} of its {@code fragmentPayload} bytes are in the capture.
     */
    private SkipReason laterFragment(int keyProtocol, long identification, int fragmentOffset, byte[] b, int p,
                                     int captured, int fragmentPayload, long now, DecodedPacket out) {
        if (fragmentPayload < 0) {
            return SkipReason.MALFORMED;
        }
        out.laterFragment = true;
        // Protocols without ports need no first fragment, unless one was remembered (an IPv6
        // first fragment whose headers went on in its later fragments).
        if (!fragments.find(out.srcHi, out.srcLo, out.dstHi, out.dstLo, keyProtocol, identification, now)) {
            if (!carriesPorts(keyProtocol, out.ipVersion)) {
                otherProtocol(keyProtocol, fragmentPayload, out);
                return null;
            }
            out.laterFragment = false;
            return SkipReason.UNMATCHED_FRAGMENT;
        }
        out.protocol = fragments.foundProtocol;
        out.srcPort = fragments.foundSrcPort;
        out.dstPort = fragments.foundDstPort;
        out.transportHeaderLength = 0;
        out.payloadLength = fragmentPayload;
        if (out.protocol == DecodedPacket.TCP) {
            // A later fragment holds no TCP header, or only the rest of one (read below).
            out.tcpCut = DecodedPacket.CUT_ALL;
        }
        if (out.protocol == DecodedPacket.TCP && fragmentOffset < TransportHeaders.TCP_MIN) {
            TransportHeaders.tcpHeaderRest(b, p, Math.max(0, Math.min(captured, fragmentPayload)), fragmentOffset,
                    fragmentPayload, out);
        }
        return null;
    }

    private static void clear(DecodedPacket out) {
        out.ipVersion = 0;
        out.srcHi = 0;
        out.srcLo = 0;
        out.dstHi = 0;
        out.dstLo = 0;
        out.protocol = 0;
        out.srcPort = 0;
        out.dstPort = 0;
        out.tcpFlags = 0;
        out.tcpWindow = 0;
        out.tcpSeq = 0;
        out.tcpCut = 0;
        out.ipHeaderLength = 0;
        out.transportHeaderLength = 0;
        out.payloadLength = 0;
        out.ipTotalLength = 0;
        out.laterFragment = false;
        out.icmpType = -1;
        out.icmpCode = -1;
        out.dnsQuestion = -1;
        out.httpRequest = -1;
        out.dnsRcode = -1;
        out.vlan = 0;
    }
}
