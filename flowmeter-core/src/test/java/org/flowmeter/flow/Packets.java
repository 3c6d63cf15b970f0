package org.flowmeter.flow;

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
