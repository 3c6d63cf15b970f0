package org.flowmeter.decode;

import static org.flowmeter.decode.Bytes.u16;
import static org.flowmeter.decode.Bytes.u8;

/**
 * Reads TCP, UDP, SCTP and ICMP/ICMPv6 headers. Offsets are relative to the IP header at {@code ip}
 * so that comparisons cannot overflow: {@code available} is how many bytes from {@code ip} were
 * captured, {@code total} how many the IP header declares.
 */
final class TransportHeaders {
    static final int TCP_MIN = 20;
    static final int UDP_LENGTH = 8;
    /** SCTP's common header: ports, verification tag, checksum; the chunks that follow are the payload. */
    static final int SCTP_COMMON = 12;
    /** Source and destination port: all a flow needs of a cut transport header. */
    static final int PORTS = 4;
    static final int ICMP_TYPE_CODE = 4;
    static final int ICMP_HEADER = 8;

    private TransportHeaders() {
    }

    /**
     * @param firstFragment the packet is the first fragment of a datagram: the header may go on in
     *                      the next fragment, so only the ports need to be here
     */
    static SkipReason decode(byte[] b, int ip, int offset, int available, int total, int protocol,
                             boolean firstFragment, DecodedPacket out) {
        out.protocol = protocol;
        switch (protocol) {
            case DecodedPacket.TCP:
                return tcp(b, ip, offset, available, total, firstFragment, out);
            case DecodedPacket.UDP:
                return udp(b, ip, offset, available, total, firstFragment, out);
            case DecodedPacket.SCTP:
                return sctp(b, ip, offset, available, total, firstFragment, out);
            default:
                return icmp(b, ip, offset, available, total, protocol, out);
        }
    }

    /**
     * Checks that {@code length} bytes at {@code offset} are there: MALFORMED when the IP length
     * itself leaves no room for them, TRUNCATED when only the capture stopped early.
     */
    static SkipReason require(int offset, int length, int available, int total) {
        if (offset + length > total) {
            return SkipReason.MALFORMED;
        }
        if (offset + length > available) {
            return SkipReason.TRUNCATED;
        }
        return null;
    }

    /**
     * A TCP header cut by a small snaplen still names its flow: the ports (4 bytes) are enough.
     * Fields beyond the cut read as 0, are marked in {@link DecodedPacket#tcpCut}, and the header
     * length is taken as the minimum 20, so such a packet counts in its flow, without flags when
     * those were cut too. Without the data offset the payload is unknown and read as 0: taking
     * the segment after 20 bytes as payload would count options as data (12 bytes of timestamps
     * on every Linux segment, so every pure ACK would seem to carry data). A first fragment may end inside
     * the header the same way (the tiny-fragment evasion): the rest is in the next fragment.
     */
    private static SkipReason tcp(byte[] b, int ip, int offset, int available, int total, boolean firstFragment,
                                  DecodedPacket out) {
        if (!firstFragment && offset + TCP_MIN > total) {
            return SkipReason.MALFORMED;
        }
        SkipReason missing = require(offset, PORTS, available, total);
        if (missing != null) {
            return missing;
        }
        int t = ip + offset;
        int length = total - offset;
        int present = Math.min(available - offset, length);
        int headerLength = TCP_MIN;
        if (present > 12) {
            headerLength = (u8(b, t + 12) >>> 4) * 4;
            if (headerLength < TCP_MIN || (!firstFragment && headerLength > length)) {
                return SkipReason.MALFORMED;
            }
        }
        out.srcPort = u16(b, t);
        out.dstPort = u16(b, t + 2);
        out.tcpFlags = present > 13 ? u8(b, t + 13) : 0;
        out.tcpWindow = present >= 16 ? u16(b, t + 14) : 0;
        out.tcpSeq = present >= 8 ? (u16(b, t + 4) << 16) | u16(b, t + 6) : 0;
        // The capture, not the IP length (a tiny first fragment), ended before the data offset.
        boolean offsetCut = present <= 12 && length > 12;
        out.tcpCut = (present >= 8 ? 0 : DecodedPacket.CUT_SEQ) | (present > 12 ? 0 : DecodedPacket.CUT_DATA_OFFSET)
                | (present > 13 ? 0 : DecodedPacket.CUT_FLAGS) | (present >= 16 ? 0 : DecodedPacket.CUT_WINDOW)
                | (offsetCut ? DecodedPacket.CUT_PAYLOAD : 0);
        out.transportHeaderLength = Math.min(headerLength, length);
        out.payloadLength = offsetCut ? 0 : length - out.transportHeaderLength;
        if (out.payloadLength > 0) {
            out.httpRequest = HttpRequestHead.length(b, t + out.transportHeaderLength, ip + Math.min(available, total),
                    out.payloadLength);
        }
        return null;
    }

    /**
     * The part of a TCP header a later fragment carries when an earlier one ended inside it: the
     * fragment holds header bytes from {@code from} on ({@code captured} of {@code length} bytes at
     * {@code p}). Flags and window are read when they are there; the header is taken as 20 bytes
     * unless its data offset is there too. Fields read are taken off {@code out.tcpCut}, which
     * the caller set to every field. A data offset in this fragment that the capture cut leaves
     * the payload unknown, as in an unfragmented packet.
     */
    static void tcpHeaderRest(byte[] b, int p, int captured, int from, int length, DecodedPacket out) {
        int headerLength = TCP_MIN;
        int dataOffsetAt = 12 - from;
        boolean offsetCut = false;
        if (dataOffsetAt >= 0 && dataOffsetAt < captured) {
            headerLength = Math.max(TCP_MIN, (u8(b, p + dataOffsetAt) >>> 4) * 4);
            out.tcpCut &= ~DecodedPacket.CUT_DATA_OFFSET;
        } else {
            offsetCut = dataOffsetAt >= 0 && dataOffsetAt < length;
        }
        int flagsAt = 13 - from;
        if (flagsAt >= 0 && flagsAt < captured) {
            out.tcpFlags = u8(b, p + flagsAt);
            out.tcpCut &= ~DecodedPacket.CUT_FLAGS;
        }
        int windowAt = 14 - from;
        if (windowAt >= 0 && windowAt + 2 <= captured) {
            out.tcpWindow = u16(b, p + windowAt);
            out.tcpCut &= ~DecodedPacket.CUT_WINDOW;
        }
        out.transportHeaderLength = Math.max(0, Math.min(headerLength - from, length));
        out.payloadLength = offsetCut ? 0 : length - out.transportHeaderLength;
        out.tcpCut |= offsetCut ? DecodedPacket.CUT_PAYLOAD : 0;
    }

    /** Like TCP, a UDP header cut after its ports still names its flow; so does a first fragment. */
    private static SkipReason udp(byte[] b, int ip, int offset, int available, int total, boolean firstFragment,
                                  DecodedPacket out) {
        SkipReason skip = portsThenFixedHeader(b, ip, offset, available, total, firstFragment, UDP_LENGTH, out);
        if (skip == null && !firstFragment && (DnsQuestion.isDnsPort(out.srcPort) || DnsQuestion.isDnsPort(out.dstPort))) {
            int t = ip + offset;
            out.dnsQuestion = DnsQuestion.length(b, t + UDP_LENGTH, ip + Math.min(available, total), out.payloadLength);
            out.dnsRcode = DnsQuestion.answerCode(b, t + UDP_LENGTH, ip + Math.min(available, total), out.payloadLength);
        }
        return skip;
    }

    /**
     * SCTP as UDP: the ports name the flow (each port an nmap -sY probe reaches is a flow of its own,
     * as with TCP), and the chunks after the common header are the payload.
     */
    private static SkipReason sctp(byte[] b, int ip, int offset, int available, int total, boolean firstFragment,
                                   DecodedPacket out) {
        return portsThenFixedHeader(b, ip, offset, available, total, firstFragment, SCTP_COMMON, out);
    }

    /** A header of {@code headerSize} bytes that starts with the two ports; the rest is payload. */
    private static SkipReason portsThenFixedHeader(byte[] b, int ip, int offset, int available, int total,
                                                   boolean firstFragment, int headerSize, DecodedPacket out) {
        if (!firstFragment && offset + headerSize > total) {
            return SkipReason.MALFORMED;
        }
        SkipReason missing = require(offset, PORTS, available, total);
        if (missing != null) {
            return missing;
        }
        int t = ip + offset;
        out.srcPort = u16(b, t);
        out.dstPort = u16(b, t + 2);
        out.transportHeaderLength = Math.min(headerSize, total - offset);
        out.payloadLength = total - offset - out.transportHeaderLength;
        return null;
    }

    private static SkipReason icmp(byte[] b, int ip, int offset, int available, int total, int protocol,
                                   DecodedPacket out) {
        SkipReason missing = require(offset, ICMP_TYPE_CODE, available, total);
        if (missing != null) {
            return missing;
        }
        int t = ip + offset;
        int type = u8(b, t);
        int code = u8(b, t + 1);
        int identifier = 0;
        if (IcmpKeys.isQuery(protocol, type)) {
            missing = require(offset, ICMP_HEADER, available, total);
            if (missing != null) {
                return missing;
            }
            identifier = u16(b, t + 4);
        }
        IcmpKeys.assign(protocol, type, code, identifier, out);
        out.icmpType = type;
        out.icmpCode = code;
        out.transportHeaderLength = Math.min(ICMP_HEADER, total - offset);
        out.payloadLength = total - offset - out.transportHeaderLength;
        return null;
    }
}
