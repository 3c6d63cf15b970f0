package org.flowmeter.decode;

import static org.flowmeter.decode.Bytes.u16;
import static org.flowmeter.decode.Bytes.u32;
import static org.flowmeter.decode.Bytes.u64;
import static org.flowmeter.decode.Bytes.u8;

import org.flowmeter.pcap.RawPacket;

/**
 * Decodes captured frames into {@link DecodedPacket}s: link layer, IPv4/IPv6, then TCP, UDP,
 * ICMP or ICMPv6. Allocates nothing per packet and never throws; anything it cannot use is
 * reported and counted as a {@link SkipReason}. Not thread-safe: use one decoder per thread.
 *
 * <h2>Link layers</h2>
 * Ethernet II with any stack of 802.1Q/802.1ad (0x8100, 0x88A8, 0x9100) tags; Linux cooked
 * SLL and SLL2; raw IP (version from the first nibble); BSD NULL (family in either byte order)
 * and LOOP. 802.3/LLC frames, ARP, LLDP and other non-IP payloads are {@code NON_IP}.
 *
 * <h2>Lengths</h2>
 * Lengths come from the IP header, not from the captured bytes, so snaplen-cut captures keep
 * their true sizes, and bytes after the IP packet (Ethernet padding) are ignored. When the
 * IPv4 total length or IPv6 payload length is 0 (segmentation offload or BIG TCP captured
 * before the NIC fills it in, or an IPv6 jumbogram), the IP length is taken as the wire length
 * minus the link header, or the captured IP bytes if that is larger.
 * A header the IP length leaves no room for is {@code MALFORMED}; one the capture cut short is
 * {@code TRUNCATED}. The whole TCP header including options must be captured.
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
 * fragment header's next header) and identification. A later fragment (offset &gt; 0) found
 * there is decoded with those ports, {@code laterFragment = true}, no transport header, no TCP
 * flags and its own fragment payload as {@code payloadLength}; otherwise (first fragment not
 * seen, arrived out of order, or forgotten) it is {@code UNMATCHED_FRAGMENT}. The table is
 * bounded (4096 entries by default, oldest overwritten) and forgets entries after 30 s of
 * packet time without a fragment. It is the decoder's only state besides its counters.
 */
public final class PacketDecoder {
    static final int IPV4_MIN_HEADER = 20;
    static final int IPV6_HEADER = 40;
    static final int HOP_BY_HOP = 0;
    static final int ROUTING = 43;
    static final int FRAGMENT = 44;
    static final int AUTHENTICATION = 51;
    static final int DESTINATION_OPTIONS = 60;

    private static final SkipReason[] REASONS = SkipReason.values();

    private final FragmentTable fragments;
    private static final int IP_IN_IP = 4;
    private static final int IPV6_IN_IP = 41;
    private static final int MAX_TUNNEL_DEPTH = 2;

    private final long[] skipped = new long[REASONS.length];
    private long decoded;

    public PacketDecoder() {
        this(FragmentTable.DEFAULT_CAPACITY);
    }

    /** @param fragmentCapacity slots for first fragments awaiting their later fragments */
    public PacketDecoder(int fragmentCapacity) {
        fragments = new FragmentTable(fragmentCapacity);
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
        long located = LinkLayer.locateIp(raw.linkType, b, start, end);
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
        int available = end - ip;
        // Upper bound keeps offset arithmetic far from int overflow on nonsense wire lengths.
        int wireIpLength = (int) Math.min(Math.max(0L, (long) raw.originalLength - (ip - start)), 1 << 30);
        return ipPacket(version, b, ip, available, wireIpLength, raw.timestampNanos, out, 0);
    }

    private SkipReason ipPacket(int version, byte[] b, int ip, int available, int wireIpLength, long now,
                                DecodedPacket out, int tunnelDepth) {
        if (version == 4) {
            return ipv4(b, ip, available, wireIpLength, now, out, tunnelDepth);
        }
        if (version == 6) {
            return ipv6(b, ip, available, wireIpLength, now, out, tunnelDepth);
        }
        return SkipReason.MALFORMED;
    }

    /**
     * IPv4-in-IP (4) and IPv6-in-IP (41) tunnels: the flow is the inner packet's, as tshark sees
     * it. Only unfragmented outer packets are followed, at most {@value #MAX_TUNNEL_DEPTH} deep.
     */
    private SkipReason tunnel(int innerProtocol, byte[] b, int inner, int available, int total, long now,
                              DecodedPacket out, int tunnelDepth) {
        if (tunnelDepth >= MAX_TUNNEL_DEPTH) {
            return SkipReason.UNSUPPORTED_PROTOCOL;
        }
        if (available <= 0) {
            return SkipReason.TRUNCATED;
        }
        int version = u8(b, inner) >>> 4;
        if (version != (innerProtocol == IP_IN_IP ? 4 : 6)) {
            return SkipReason.MALFORMED;
        }
        return ipPacket(version, b, inner, available, Math.max(0, total), now, out, tunnelDepth + 1);
    }

    private SkipReason ipv4(byte[] b, int ip, int available, int wireIpLength, long now, DecodedPacket out,
                            int tunnelDepth) {
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
        if ((protocol == IP_IN_IP || protocol == IPV6_IN_IP) && (flagsAndOffset & 0x3FFF) == 0) {
            return tunnel(protocol, b, ip + headerLength, available - headerLength, total - headerLength, now, out,
                    tunnelDepth);
        }
        if (protocol != DecodedPacket.TCP && protocol != DecodedPacket.UDP && protocol != DecodedPacket.ICMP) {
            return SkipReason.UNSUPPORTED_PROTOCOL;
        }
        int fragmentOffset = flagsAndOffset & 0x1FFF;
        boolean moreFragments = (flagsAndOffset & 0x2000) != 0;
        long identification = u16(b, ip + 4);
        if (fragmentOffset != 0) {
            return laterFragment(protocol, identification, total - headerLength, now, out);
        }
        SkipReason reason = TransportHeaders.decode(b, ip, headerLength, available, total, protocol, out);
        if (reason == null && moreFragments) {
            rememberFirstFragment(protocol, identification, now, out);
        }
        return reason;
    }

    private SkipReason ipv6(byte[] b, int ip, int available, int wireIpLength, long now, DecodedPacket out,
                            int tunnelDepth) {
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
            switch (next) {
                case DecodedPacket.TCP:
                case DecodedPacket.UDP:
                case DecodedPacket.ICMPV6: {
                    SkipReason reason = TransportHeaders.decode(b, ip, offset, available, total, next, out);
                    if (reason == null && firstFragment) {
                        rememberFirstFragment(fragmentKey, identification, now, out);
                    }
                    return reason;
                }
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
                        return laterFragment(fragmentKey, identification, total - offset, now, out);
                    }
                    // An atomic fragment (no more fragments) is a whole packet: nothing to remember.
                    firstFragment = (offsetAndFlags & 1) != 0;
                    break;
                }
                case IP_IN_IP:
                case IPV6_IN_IP:
                    if (firstFragment) {
                        out.ipHeaderLength = offset;
                        return SkipReason.UNSUPPORTED_PROTOCOL;
                    }
                    return tunnel(next, b, ip + offset, available - offset, total - offset, now, out, tunnelDepth);
                default:
                    // ESP (50), no next header (59) and any other protocol.
                    out.ipHeaderLength = offset;
                    return SkipReason.UNSUPPORTED_PROTOCOL;
            }
        }
    }

    private void rememberFirstFragment(int keyProtocol, long identification, long now, DecodedPacket out) {
        fragments.remember(out.srcHi, out.srcLo, out.dstHi, out.dstLo, keyProtocol, identification, now,
                out.protocol, out.srcPort, out.dstPort);
    }

    private SkipReason laterFragment(int keyProtocol, long identification, int fragmentPayload, long now,
                                     DecodedPacket out) {
        if (fragmentPayload < 0) {
            return SkipReason.MALFORMED;
        }
        if (!fragments.find(out.srcHi, out.srcLo, out.dstHi, out.dstLo, keyProtocol, identification, now)) {
            return SkipReason.UNMATCHED_FRAGMENT;
        }
        out.protocol = fragments.foundProtocol;
        out.srcPort = fragments.foundSrcPort;
        out.dstPort = fragments.foundDstPort;
        out.laterFragment = true;
        out.transportHeaderLength = 0;
        out.payloadLength = fragmentPayload;
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
        out.ipHeaderLength = 0;
        out.transportHeaderLength = 0;
        out.payloadLength = 0;
        out.ipTotalLength = 0;
        out.laterFragment = false;
        out.icmpType = -1;
        out.icmpCode = -1;
    }
}
