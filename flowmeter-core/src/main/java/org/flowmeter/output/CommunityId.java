package org.flowmeter.output;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Flow;

/**
 * Community ID v1 (the flow hash Zeek, Suricata and others share, so that one connection has
 * the same id in every tool's logs): SHA-1 over seed, the two endpoints in a fixed order,
 * protocol and ports, base64, prefixed {@code "1:"}.
 *
 * <p>The hashed bytes are: seed (16 bits), source address, destination address (4 or 16 bytes
 * each), protocol (8 bits), a zero byte, then for TCP, UDP, SCTP, ICMP and ICMPv6 the source and
 * destination ports (16 bits each, network order). The endpoints are swapped when the source is
 * greater than the destination (address first, then port), so both directions hash alike. For
 * ICMP the ports are type and code, except that a type with a counterpart (echo request and
 * reply, ...) takes the counterpart type as its destination port; a type without one is
 * one-way and never swapped.
 */
public final class CommunityId {
    /** SCTP's protocol number: a port-bearing protocol for the hash. */
    static final int SCTP = DecodedPacket.SCTP;

    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(CommunityId::sha1);

    private final int seed;

    public CommunityId(int seed) {
        if (seed < 0 || seed > 0xffff) {
            throw new IllegalArgumentException("seed must be 0..65535, got " + seed);
        }
        this.seed = seed;
    }

    /**
     * The id of a flow. ICMP type and code are recovered from the flow's port fields (see
     * {@code PacketDecoder}).
     */
    public String of(Flow flow) {
        int protocol = flow.protocol;
        int srcPort = flow.srcPort;
        int dstPort = flow.dstPort;
        if (protocol == DecodedPacket.ICMP || protocol == DecodedPacket.ICMPV6) {
            int[] typeCode = icmpTypeAndCode(flow);
            srcPort = typeCode[0];
            dstPort = typeCode[1];
        }
        return of(flow.ipVersion, flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo, protocol, srcPort, dstPort);
    }

    /**
     * The id of one direction's tuple. Addresses as in {@link DecodedPacket} (IPv4 in the low 32
     * bits of {@code lo}); for ICMP and ICMPv6 the ports are the message type and code.
     */
    public String of(int ipVersion, long srcHi, long srcLo, long dstHi, long dstLo,
                     int protocol, int srcPort, int dstPort) {
        boolean ports = hasPorts(protocol);
        boolean oneWay = false;
        if (protocol == DecodedPacket.ICMP || protocol == DecodedPacket.ICMPV6) {
            int counterpart = counterpart(protocol, srcPort);
            if (counterpart >= 0) {
                dstPort = counterpart;
            } else {
                oneWay = true;
            }
        }
        int order = compareAddresses(ipVersion, srcHi, srcLo, dstHi, dstLo);
        boolean swap = !oneWay && (order > 0 || (order == 0 && ports && srcPort > dstPort));
        int addressBytes = ipVersion == 4 ? 4 : 16;
        byte[] in = new byte[2 + 2 * addressBytes + 2 + (ports ? 4 : 0)];
        int o = 0;
        in[o++] = (byte) (seed >>> 8);
        in[o++] = (byte) seed;
        if (swap) {
            o = putAddress(in, o, ipVersion, dstHi, dstLo);
            o = putAddress(in, o, ipVersion, srcHi, srcLo);
        } else {
            o = putAddress(in, o, ipVersion, srcHi, srcLo);
            o = putAddress(in, o, ipVersion, dstHi, dstLo);
        }
        in[o++] = (byte) protocol;
        in[o++] = 0;
        if (ports) {
            int first = swap ? dstPort : srcPort;
            int second = swap ? srcPort : dstPort;
            in[o++] = (byte) (first >>> 8);
            in[o++] = (byte) first;
            in[o++] = (byte) (second >>> 8);
            in[o] = (byte) second;
        }
        MessageDigest md = digest();
        md.reset();
        return "1:" + Base64.getEncoder().encodeToString(md.digest(in));
    }

    /**
     * Type and code of the message the flow's source sent first, recovered from the decoder's
     * port fields: a query's sender has {identifier, request type}, its replier {request type,
     * identifier} (the reply type is the request's counterpart), any other message {0, type << 8
     * | code}. Query codes are 0. An identifier equal to another request type is read as the type.
     */
    public static int[] icmpTypeAndCode(Flow flow) {
        int protocol = flow.protocol;
        if (isRequestType(protocol, flow.dstPort)) {
            return new int[] {flow.dstPort, 0};
        }
        if (isRequestType(protocol, flow.srcPort)) {
            return new int[] {counterpart(protocol, flow.srcPort), 0};
        }
        return new int[] {flow.dstPort >>> 8, flow.dstPort & 0xff};
    }

    static boolean hasPorts(int protocol) {
        return protocol == DecodedPacket.TCP || protocol == DecodedPacket.UDP || protocol == SCTP
                || protocol == DecodedPacket.ICMP || protocol == DecodedPacket.ICMPV6;
    }

    /** The paired message type of a two-way ICMP type, or -1 when the type is one-way. */
    static int counterpart(int protocol, int type) {
        if (protocol == DecodedPacket.ICMP) {
            return switch (type) {
                case 8 -> 0;
                case 0 -> 8;
                case 13 -> 14;
                case 14 -> 13;
                case 15 -> 16;
                case 16 -> 15;
                case 10 -> 9;
                case 9 -> 10;
                case 17 -> 18;
                case 18 -> 17;
                default -> -1;
            };
        }
        return switch (type) {
            case 128 -> 129;
            case 129 -> 128;
            case 133 -> 134;
            case 134 -> 133;
            case 135 -> 136;
            case 136 -> 135;
            case 139 -> 140;
            case 140 -> 139;
            case 144 -> 145;
            case 145 -> 144;
            default -> -1;
        };
    }

    /** The query types the decoder pairs with their replies (see {@code IcmpKeys}). */
    private static boolean isRequestType(int protocol, int port) {
        if (protocol == DecodedPacket.ICMP) {
            return port == 8 || port == 13 || port == 15 || port == 17;
        }
        return port == 128;
    }

    static int compareAddresses(int ipVersion, long aHi, long aLo, long bHi, long bLo) {
        if (ipVersion == 4) {
            return Long.compare(aLo & 0xffffffffL, bLo & 0xffffffffL);
        }
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    static int putAddress(byte[] b, int o, int ipVersion, long hi, long lo) {
        if (ipVersion == 4) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                b[o++] = (byte) (lo >>> shift);
            }
            return o;
        }
        for (int shift = 56; shift >= 0; shift -= 8) {
            b[o++] = (byte) (hi >>> shift);
        }
        for (int shift = 56; shift >= 0; shift -= 8) {
            b[o++] = (byte) (lo >>> shift);
        }
        return o;
    }

    static MessageDigest digest() {
        return SHA1.get();
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-1", e);
        }
    }
}
