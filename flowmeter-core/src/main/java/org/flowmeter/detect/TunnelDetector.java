package org.flowmeter.detect;

import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Flow;

/**
 * Tunnels through DNS or ICMP: data carried in queries and answers that were never meant to hold
 * it. A flow meter sees no names, but it sees what the encoding does to sizes and counts.
 * <ul>
 * <li>DNS (iodine, dns2tcp, dnscat2): one source sends very many queries (UDP or TCP to port 53)
 * to one server within the window ({@link DetectorConfig#tunnelDnsQueries}), and they are much
 * larger than ordinary lookups on average ({@link DetectorConfig#tunnelDnsQueryBytes}: names
 * made of encoded data; a query over UDP is measured to the end of its question, so the EDNS
 * options and cookies a resolver adds do not count), or their answers are ({@link DetectorConfig#tunnelDnsAnswerBytes}).
 * Counted per source and server, so a resolver that relays the tunnel to its authoritative
 * server (a new port per query) is caught as well as the client.</li>
 * <li>ICMP (ptunnel, icmptunnel, covert channels): very many echo requests from one source to
 * one host ({@link DetectorConfig#tunnelIcmpRequests}), mostly answered, whose payload sizes keep
 * changing ({@link DetectorConfig#tunnelIcmpSizeChanges}), or are large on average
 * ({@link DetectorConfig#tunnelIcmpBytes}) with replies that do not mirror them; or as many echo
 * replies as that threshold, at least twice the requests (the server sends data on its own account).
 * Ordinary ping repeats one size and gets it back, once per request, and traceroute or path-MTU
 * probes are short series.</li>
 * </ul>
 * Multicast and broadcast addresses (mDNS, LLMNR) are left alone. A flow that began with the
 * server's answer or reply counts for the client that it answered. Covers every DNS flow (or
 * every echo flow) between the client and that server in the pattern's span.
 */
public final class TunnelDetector implements Detector {
    public static final String NAME = "tunnel";
    private static final int MESSAGES = 0;
    private static final int MESSAGE_BYTES = 1;
    private static final int ANSWERS = 2;
    private static final int ANSWER_BYTES = 3;
    private static final int SIZE_CHANGES = 4;
    /** Key kinds (the fifth key word): DNS to port 53, ICMP echo. */
    private static final int DNS = 53;
    private static final int ECHO = 8;
    /** Replies whose mean size is within this share of the requests' mirror them, as echo does. */
    private static final double MIRRORED = 0.1;
    /** Replies at least this many times the requests (and at least the request threshold) were not all asked for. */
    private static final double UNSOLICITED = 2;

    private final int dnsQueries;
    private final double dnsQueryBytes;
    private final double dnsAnswerBytes;
    private final int icmpRequests;
    private final double icmpSizeChanges;
    private final double icmpBytes;
    private final double icmpAnswered;
    private final KeyTable pairs;
    private final SlotWindows windows;

    public TunnelDetector(DetectorConfig config) {
        this.dnsQueries = config.tunnelDnsQueries;
        this.dnsQueryBytes = config.tunnelDnsQueryBytes;
        this.dnsAnswerBytes = config.tunnelDnsAnswerBytes;
        this.icmpRequests = config.tunnelIcmpRequests;
        this.icmpSizeChanges = config.tunnelIcmpSizeChanges;
        this.icmpBytes = config.tunnelIcmpBytes;
        this.icmpAnswered = config.tunnelIcmpAnswered;
        this.pairs = new KeyTable(config.tableSize);
        this.windows = new SlotWindows(pairs.slots(), config.tunnelWindow.toNanos(), 5, 0);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * DNS, ICMP echo, or 0 when the flow is neither (or touches a group address). A DNS server
     * listens on port 53, or on 5353 behind a resolver that forwards a zone there (seen: a
     * dns2tcp server); only unicast counts, so mDNS is left alone.
     */
    private static int kind(Flow flow) {
        if (AddressKinds.isGroup(flow.ipVersion, flow.dstHi, flow.dstLo)
                || AddressKinds.isGroup(flow.ipVersion, flow.srcHi, flow.srcLo)) {
            return 0;
        }
        if (flow.protocol == DecodedPacket.UDP || flow.protocol == DecodedPacket.TCP) {
            return isDnsPort(flow.dstPort) || isDnsPort(flow.srcPort) ? DNS : 0;
        }
        // Echo: the decoder puts the request type in the destination port of a flow that began
        // with a request, and in the source port of one that began with a reply.
        int request = flow.protocol == DecodedPacket.ICMP ? 8 : flow.protocol == DecodedPacket.ICMPV6 ? 128 : -1;
        return request >= 0 && (flow.dstPort == request || flow.srcPort == request) ? ECHO : 0;
    }

    private static boolean isDnsPort(int port) {
        return port == 53 || port == 5353;
    }

    /**
     * Whether the flow's source is the server: it began with an answer or a reply (the capture
     * started mid-conversation, or the tunnel was idle longer than the flow timeout).
     */
    private static boolean reversed(Flow flow, int kind) {
        if (kind == DNS) {
            return !isDnsPort(flow.dstPort);
        }
        return flow.dstPort != (flow.protocol == DecodedPacket.ICMP ? 8 : 128);
    }

    @Override
    public void observe(Flow flow, FlowFacts facts) {
        int kind = kind(flow);
        if (kind == 0) {
            return;
        }
        boolean reversed = reversed(flow, kind);
        long t = flow.firstNanos();
        int slot = slot(flow, kind, reversed, true);
        if (pairs.fresh()) {
            windows.reset(slot);
        }
        windows.roll(slot, t);
        long requests = reversed ? facts.backwardPackets() : facts.forwardPackets();
        long answers = reversed ? facts.forwardPackets() : facts.backwardPackets();
        if (kind == DNS) {
            // Messages, not packets: a TCP connection's handshake and acknowledgements carry none.
            requests = reversed ? facts.backwardPayloadPackets() : facts.forwardPayloadPackets();
            answers = reversed ? facts.forwardPayloadPackets() : facts.backwardPayloadPackets();
        }
        windows.add(slot, MESSAGES, requests);
        // A DNS query's size without its records: the name is where a tunnel writes its data, and
        // the records a resolver adds (EDNS, cookies: 12 to 44 bytes) say nothing of it.
        long messageBytes = kind == DNS ? (reversed ? facts.backwardQuestionBytes() : facts.forwardQuestionBytes())
                : (reversed ? facts.backwardPayload() : facts.forwardPayload());
        windows.add(slot, MESSAGE_BYTES, messageBytes);
        windows.add(slot, ANSWERS, answers);
        windows.add(slot, ANSWER_BYTES, reversed ? facts.forwardPayload() : facts.backwardPayload());
        windows.add(slot, SIZE_CHANGES, reversed ? facts.backwardSizeChanges() : facts.forwardSizeChanges());
        windows.counted(slot, t);
        if (kind == DNS ? isDnsTunnel(slot) : isIcmpTunnel(slot)) {
            pairs.flag(slot, windows.firstStart(slot), t);
        } else if (pairs.flagged(slot) && t <= pairs.flaggedUntil(slot) + windows.window()) {
            pairs.flag(slot, t, t);
        }
    }

    /** The slot of the flow's (client, server, kind), added when {@code add}; -1 when absent. */
    private int slot(Flow flow, int kind, boolean reversed, boolean add) {
        long kindKey = Keys.service(flow.ipVersion, 0, kind);
        long t = flow.firstNanos();
        if (reversed) {
            return add ? pairs.findOrAdd(flow.dstHi, flow.dstLo, flow.srcHi, flow.srcLo, kindKey, t)
                    : pairs.find(flow.dstHi, flow.dstLo, flow.srcHi, flow.srcLo, kindKey);
        }
        return add ? pairs.findOrAdd(flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo, kindKey, t)
                : pairs.find(flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo, kindKey);
    }

    private boolean isDnsTunnel(int slot) {
        double queries = windows.sum(slot, MESSAGES);
        if (queries < dnsQueries) {
            return false;
        }
        double answers = windows.sum(slot, ANSWERS);
        return windows.sum(slot, MESSAGE_BYTES) / queries >= dnsQueryBytes
                || answers > 0 && windows.sum(slot, ANSWER_BYTES) / answers >= dnsAnswerBytes;
    }

    private boolean isIcmpTunnel(int slot) {
        double requests = windows.sum(slot, MESSAGES);
        double answers = windows.sum(slot, ANSWERS);
        if (answers >= icmpRequests && answers >= UNSOLICITED * requests) {
            // Echo answers each request once; replies that outnumber the requests were sent on the
            // server's own account: a tunnel's server sending its data (ptunnel-ng's downloads).
            return true;
        }
        if (requests < icmpRequests || answers < icmpAnswered * requests) {
            return false;
        }
        if (windows.sum(slot, SIZE_CHANGES) >= icmpSizeChanges * requests) {
            return true;
        }
        // Large payloads of one size: echo mirrors each request, so a large ping (ping -s, a ping
        // flood) is answered with its own size, while a tunnel's server sends data of its own.
        double request = windows.sum(slot, MESSAGE_BYTES) / requests;
        double reply = windows.sum(slot, ANSWER_BYTES) / answers;
        return request >= icmpBytes && Math.abs(reply - request) > MIRRORED * request;
    }

    @Override
    public boolean covers(Flow flow) {
        int kind = kind(flow);
        return kind != 0 && pairs.covers(slot(flow, kind, reversed(flow, kind), false), flow.firstNanos());
    }

    @Override
    public long evictions() {
        return pairs.evictions();
    }
}
