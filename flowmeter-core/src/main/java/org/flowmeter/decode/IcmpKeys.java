package org.flowmeter.decode;

/**
 * Maps ICMP and ICMPv6 messages onto the port fields so that a query and its reply form one
 * bidirectional flow. See {@link PacketDecoder} for the rules.
 */
public final class IcmpKeys {
    private IcmpKeys() {
    }

    /** True when the message carries an identifier that pairs requests with replies. */
    static boolean isQuery(int protocol, int type) {
        return isRequest(protocol, type) || requestTypeOf(protocol, type) >= 0;
    }

    static boolean isRequest(int protocol, int type) {
        if (protocol == DecodedPacket.ICMP) {
            return type == 8 || type == 13 || type == 15 || type == 17;
        }
        return type == 128;
    }

    /** The request type a reply answers, or -1 when the type is not a reply. */
    static int requestTypeOf(int protocol, int type) {
        if (protocol == DecodedPacket.ICMP) {
            switch (type) {
                case 0: return 8;    // echo reply
                case 14: return 13;  // timestamp reply
                case 16: return 15;  // information reply
                case 18: return 17;  // address mask reply
                default: return -1;
            }
        }
        return type == 129 ? 128 : -1;
    }

    /**
     * The type of a message that {@link #assign} keyed by {@code srcPort = 0, dstPort = type << 8 |
     * code} (every message but the queries and their replies), or -1: a query, or a flow whose
     * type lies in a later fragment (dstPort 0).
     */
    public static int messageType(int srcPort, int dstPort) {
        return srcPort == 0 && dstPort > 0xFF ? dstPort >>> 8 : -1;
    }

    /** Sets srcPort/dstPort; {@code identifier} is only read for query messages. */
    static void assign(int protocol, int type, int code, int identifier, DecodedPacket out) {
        if (isRequest(protocol, type)) {
            out.srcPort = identifier;
            out.dstPort = type;
            return;
        }
        int request = requestTypeOf(protocol, type);
        if (request >= 0) {
            // The exact reverse of the request's tuple.
            out.srcPort = request;
            out.dstPort = identifier;
            return;
        }
        out.srcPort = 0;
        out.dstPort = type << 8 | code;
    }
}
