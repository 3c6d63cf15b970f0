package org.flowmeter.decode;

/**
 * The fields of one packet that flows and features need, decoded without allocation.
 * Reused from packet to packet: copy what must outlive the call.
 *
 * <p>Addresses: IPv4 in {@code srcLo}/{@code dstLo} (unsigned 32 bits), hi = 0;
 * IPv6 as two big-endian 64-bit halves.
 */
public final class DecodedPacket {
    public static final int TCP = 6;
    public static final int UDP = 17;
    /** SCTP: ports like TCP's and UDP's in its common header (scanned by nmap -sY and -sZ). */
    public static final int SCTP = 132;
    public static final int ICMP = 1;
    public static final int ICMPV6 = 58;

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    /** Bits of {@link #tcpCut}: TCP header fields the capture cut off (a small snaplen), read as 0. */
    public static final int CUT_SEQ = 0x01;
    public static final int CUT_DATA_OFFSET = 0x02;
    public static final int CUT_FLAGS = 0x04;
    public static final int CUT_WINDOW = 0x08;
    public static final int CUT_ALL = CUT_SEQ | CUT_DATA_OFFSET | CUT_FLAGS | CUT_WINDOW;
    /**
     * The capture cut the TCP data offset of a packet that holds the header: where the header
     * ends, so how much of the segment is payload, is unknown, and {@code payloadLength} reads 0.
     */
    public static final int CUT_PAYLOAD = 0x10;

    public long timestampNanos;
    /** The raw packet's {@code inputIndex}: which input file it came from. */
    public int inputIndex;
    /** Length on the wire (the capture's original length). */
    public int wireLength;
    /** 4 or 6. */
    public int ipVersion;
    public long srcHi, srcLo, dstHi, dstLo;
    /** The IP protocol number: TCP, UDP, ICMP, ICMPV6 or any other (then the ports are 0). */
    public int protocol;
    /** Ports; for ICMP see the decoder's documentation of how type/identifier map onto them. */
    public int srcPort, dstPort;
    /** TCP flag bits (low 8 bits of the flags field); 0 for other protocols. */
    public int tcpFlags;
    /** TCP receive window as sent (unscaled); 0 for other protocols. */
    public int tcpWindow;
    /** TCP sequence number (32 bits, wraps); 0 for other protocols and headers cut before it. */
    public int tcpSeq;
    /**
     * TCP header fields not in the capture ({@code CUT_*} bits; 0 when the header is whole or not
     * TCP). A cut field reads as 0, which is not a value: a cut window is no zero window.
     */
    public int tcpCut;
    /** IP header length including IPv6 extension headers. */
    public int ipHeaderLength;
    /** Transport header length (TCP data offset * 4, UDP 8, ICMP 8); 0 for non-first fragments. */
    public int transportHeaderLength;
    /**
     * Transport payload length from the IP length fields (not limited by snaplen); 0 when it is
     * not known ({@link #payloadKnown()}).
     */
    public int payloadLength;
    /** Total IP packet length from the IP header (IPv6: 40 + payload length). */
    public int ipTotalLength;
    /** True for a non-first fragment (its ports come from the first fragment). */
    public boolean laterFragment;
    /** ICMP or ICMPv6 message type and code; -1 for other protocols and later fragments. */
    public int icmpType = -1;
    public int icmpCode = -1;
    /**
     * A UDP DNS message (port 53 or 5353 either side): its header and first question in bytes,
     * without the records after it (EDNS options, cookies, signatures, answers); the whole payload
     * when the capture cut the name. -1 for every other packet.
     */
    public int dnsQuestion = -1;
    /** A UDP DNS answer's response code (3: no such name); -1 for queries and every other packet. */
    public int dnsRcode = -1;
    /**
     * A TCP segment whose payload starts an HTTP/1 request with its head ended in the captured
     * bytes: the request's whole size (head and the body its Content-Length announces). -1 for
     * every other packet.
     */
    public int httpRequest = -1;
    /**
     * VLAN ids of the Ethernet header nearest the IP header, part of the flow key: the outer tag's
     * 12-bit id above the next one's; 0 when untagged (or when the decoder is told to ignore VLANs).
     */
    public int vlan;

    /** Whether the TCP window was captured (false when a small snaplen cut it off). */
    public boolean tcpWindowKnown() {
        return (tcpCut & CUT_WINDOW) == 0;
    }

    /** Whether the payload length is known (false when a small snaplen cut the TCP data offset). */
    public boolean payloadKnown() {
        return (tcpCut & CUT_PAYLOAD) == 0;
    }

    /** Whether the TCP sequence number was captured. */
    public boolean tcpSeqKnown() {
        return (tcpCut & CUT_SEQ) == 0;
    }

    /** Copies every field of {@code other} into this one. */
    public void copyFrom(DecodedPacket other) {
        timestampNanos = other.timestampNanos;
        wireLength = other.wireLength;
        ipVersion = other.ipVersion;
        srcHi = other.srcHi;
        srcLo = other.srcLo;
        dstHi = other.dstHi;
        dstLo = other.dstLo;
        protocol = other.protocol;
        srcPort = other.srcPort;
        dstPort = other.dstPort;
        tcpFlags = other.tcpFlags;
        tcpWindow = other.tcpWindow;
        tcpSeq = other.tcpSeq;
        tcpCut = other.tcpCut;
        ipHeaderLength = other.ipHeaderLength;
        transportHeaderLength = other.transportHeaderLength;
        payloadLength = other.payloadLength;
        ipTotalLength = other.ipTotalLength;
        laterFragment = other.laterFragment;
        icmpType = other.icmpType;
        icmpCode = other.icmpCode;
        dnsQuestion = other.dnsQuestion;
        httpRequest = other.httpRequest;
        dnsRcode = other.dnsRcode;
        vlan = other.vlan;
    }
}
