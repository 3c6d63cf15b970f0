package org.flowmeter.flow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import org.flowmeter.decode.DecodedPacket;

/** Builds decoded packets by hand for flow-table tests. */
public final class Packets {
    private Packets() {
    }

    public static DecodedPacket tcp(long nanos, String src, int sport, String dst, int dport, int flags, int wireLength) {
        DecodedPacket p = base(nanos, src, sport, dst, dport, wireLength);
        p.protocol = DecodedPacket.TCP;
        p.tcpFlags = flags;
        return p;
    }

    public static DecodedPacket udp(long nanos, String src, int sport, String dst, int dport, int wireLength) {
        DecodedPacket p = base(nanos, src, sport, dst, dport, wireLength);
        p.protocol = DecodedPacket.UDP;
        return p;
    }

    /** An ICMP (IPv4) message; ports stay 0 here, so give each test flow its own addresses. */
    public static DecodedPacket icmp(long nanos, String src, String dst, int type, int code, int wireLength) {
        DecodedPacket p = base(nanos, src, 0, dst, 0, wireLength);
        p.protocol = DecodedPacket.ICMP;
        p.icmpType = type;
        p.icmpCode = code;
        p.transportHeaderLength = 8;
        return p;
    }

    /** Turns a packet built here into IPv6 between two literal addresses (no name lookup). */
    public static DecodedPacket ipv6(DecodedPacket p, String src, String dst) {
        long[] s = ipv6(src);
        long[] d = ipv6(dst);
        p.ipVersion = 6;
        p.srcHi = s[0];
        p.srcLo = s[1];
        p.dstHi = d[0];
        p.dstLo = d[1];
        p.ipHeaderLength = 40;
        return p;
    }

    /** Sets the transport header and payload lengths (and the IP total length from them). */
    public static DecodedPacket payload(DecodedPacket p, int transportHeaderLength, int payloadLength) {
        p.transportHeaderLength = transportHeaderLength;
        p.payloadLength = payloadLength;
        if (p.ipHeaderLength == 0) {
            p.ipHeaderLength = p.ipVersion == 6 ? 40 : 20;
        }
        p.ipTotalLength = p.ipHeaderLength + transportHeaderLength + payloadLength;
        return p;
    }

    public static DecodedPacket window(DecodedPacket p, int tcpWindow) {
        p.tcpWindow = tcpWindow;
        return p;
    }

    /** High and low 64 bits of an IPv6 literal. */
    public static long[] ipv6(String literal) {
        try {
            ByteBuffer b = ByteBuffer.wrap(InetAddress.getByName(literal).getAddress());
            return new long[] {b.getLong(), b.getLong()};
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static DecodedPacket base(long nanos, String src, int sport, String dst, int dport, int wireLength) {
        DecodedPacket p = new DecodedPacket();
        p.timestampNanos = nanos;
        p.wireLength = wireLength;
        p.ipVersion = 4;
        p.srcLo = ipv4(src);
        p.dstLo = ipv4(dst);
        p.srcPort = sport;
        p.dstPort = dport;
        return p;
    }

    public static long ipv4(String dotted) {
        long v = 0;
        for (String part : dotted.split("\\.")) {
            v = (v << 8) | Integer.parseInt(part);
        }
        return v;
    }
}
