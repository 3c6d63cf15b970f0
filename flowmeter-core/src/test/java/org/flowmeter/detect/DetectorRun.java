package org.flowmeter.detect;

import static org.flowmeter.decode.DecodedPacket.ACK;
import static org.flowmeter.decode.DecodedPacket.FIN;
import static org.flowmeter.decode.DecodedPacket.PSH;
import static org.flowmeter.decode.DecodedPacket.RST;
import static org.flowmeter.decode.DecodedPacket.SYN;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.IpAddresses;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.feature.DeepfenceFeatures;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowListener;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.flow.FlowPipeline;
import org.flowmeter.flow.Packets;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;

/**
 * Hand-built traffic through a flow meter and the detectors, the way classify runs them: facts
 * counted per packet, each flow observed when it ends, and coverage asked after the last flow
 * (as the second pass over the input does).
 */
final class DetectorRun implements FlowListener {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    private final Detectors detectors;
    private final FlowMeter meter;
    private final Map<Flow, FlowFacts> facts = new IdentityHashMap<>();
    private final List<Flow> ended = new ArrayList<>();
    /** Each TCP direction's next sequence number, so that hand-built segments follow on as real ones do. */
    private final Map<String, Integer> nextSeq = new java.util.HashMap<>();

    DetectorRun(DetectorConfig config, String... names) {
        this.detectors = Detectors.of(List.of(names), config);
        this.meter = new FlowMeter(FlowConfig.defaults(), List.of(new DeepfenceFeatures()), this);
    }

    @Override
    public void onPacket(Flow flow, DecodedPacket packet, boolean forward) {
        facts.computeIfAbsent(flow, f -> new FlowFacts()).add(packet, forward);
    }

    @Override
    public void onFlowEnd(Flow flow) {
        detectors.observe(flow, facts.get(flow));
        ended.add(flow);
    }

    void add(DecodedPacket p) {
        if (p.protocol == DecodedPacket.TCP) {
            String direction = p.srcLo + ":" + p.srcPort + ">" + p.dstLo + ":" + p.dstPort;
            int seq = nextSeq.getOrDefault(direction, 1000);
            p.tcpSeq = seq;
            int flagged = (p.tcpFlags & (SYN | FIN)) != 0 ? 1 : 0;
            nextSeq.put(direction, seq + p.payloadLength + flagged);
        }
        meter.add(p);
    }

    /** Adds a packet as it is, its sequence number included (a retransmission repeats an earlier one). */
    void addAsIs(DecodedPacket p) {
        meter.add(p);
    }

    /** Every packet of a capture file (fixtures/captures/NAME, from the module's folder). */
    void read(String fixture) throws IOException {
        Path file = Path.of("").toAbsolutePath().getParent().resolve("fixtures/captures").resolve(fixture);
        try (PacketSource source = Captures.open(file)) {
            new FlowPipeline(new PacketDecoder(), meter).run(source, null);
        }
    }

    /** A TCP connection with one request and one answer of the given payload sizes, closed by FINs. */
    void session(long t, String src, int sport, String dst, int dport, int request, int answer) {
        add(tcp(t, src, sport, dst, dport, SYN, 0));
        add(tcp(t + MS, dst, dport, src, sport, SYN | ACK, 0));
        add(tcp(t + 2 * MS, src, sport, dst, dport, ACK, 0));
        add(tcp(t + 3 * MS, src, sport, dst, dport, PSH | ACK, request));
        add(tcp(t + 4 * MS, dst, dport, src, sport, PSH | ACK, answer));
        add(tcp(t + 5 * MS, src, sport, dst, dport, FIN | ACK, 0));
        add(tcp(t + 6 * MS, dst, dport, src, sport, FIN | ACK, 0));
        add(tcp(t + 7 * MS, src, sport, dst, dport, ACK, 0));
    }

    /**
     * {@link #session} whose request segment is sent {@code resends} more times (the same bytes,
     * the same sequence number: a retransmission on a lossy link) before the answer.
     */
    void sessionWithResentRequest(long t, String src, int sport, String dst, int dport, int request, int answer,
            int resends) {
        add(tcp(t, src, sport, dst, dport, SYN, 0));
        add(tcp(t + MS, dst, dport, src, sport, SYN | ACK, 0));
        add(tcp(t + 2 * MS, src, sport, dst, dport, ACK, 0));
        DecodedPacket sent = tcp(t + 3 * MS, src, sport, dst, dport, PSH | ACK, request);
        add(sent);
        for (int i = 1; i <= resends; i++) {
            DecodedPacket again = tcp(t + 3 * MS + i * 200 * MS, src, sport, dst, dport, PSH | ACK, request);
            again.tcpSeq = sent.tcpSeq;
            addAsIs(again);
        }
        long at = t + 3 * MS + resends * 200 * MS;
        add(tcp(at + MS, dst, dport, src, sport, PSH | ACK, answer));
        add(tcp(at + 2 * MS, src, sport, dst, dport, FIN | ACK, 0));
        add(tcp(at + 3 * MS, dst, dport, src, sport, FIN | ACK, 0));
        add(tcp(at + 4 * MS, src, sport, dst, dport, ACK, 0));
    }

    /**
     * A TCP connection holding several exchanges: the server's greeting (none when 0), then each
     * request and its answer, {@code step} apart, closed by FINs.
     */
    void exchanges(long t, String src, int sport, String dst, int dport, int greeting, int[] requests, int[] answers,
            long step) {
        add(tcp(t, src, sport, dst, dport, SYN, 0));
        add(tcp(t + MS, dst, dport, src, sport, SYN | ACK, 0));
        add(tcp(t + 2 * MS, src, sport, dst, dport, ACK, 0));
        long at = t + 3 * MS;
        if (greeting > 0) {
            add(tcp(at, dst, dport, src, sport, PSH | ACK, greeting));
        }
        for (int i = 0; i < requests.length; i++) {
            at += step;
            add(tcp(at, src, sport, dst, dport, PSH | ACK, requests[i]));
            add(tcp(at + MS, dst, dport, src, sport, PSH | ACK, answers[i]));
        }
        add(tcp(at + 2 * MS, src, sport, dst, dport, FIN | ACK, 0));
        add(tcp(at + 3 * MS, dst, dport, src, sport, FIN | ACK, 0));
        add(tcp(at + 4 * MS, src, sport, dst, dport, ACK, 0));
    }

    /** A SYN refused with a RST. */
    void refused(long t, String src, int sport, String dst, int dport) {
        add(tcp(t, src, sport, dst, dport, SYN, 0));
        add(tcp(t + MS, dst, dport, src, sport, RST | ACK, 0));
    }

    /** A TCP packet advertising a 64 KB window (a zero window means a stalled reader to slow-dos). */
    static DecodedPacket tcp(long t, String src, int sport, String dst, int dport, int flags, int payload) {
        return Packets.window(Packets.payload(Packets.tcp(t, src, sport, dst, dport, flags, 54 + payload), 20, payload),
                65535);
    }

    static DecodedPacket udp(long t, String src, int sport, String dst, int dport, int payload) {
        return Packets.payload(Packets.udp(t, src, sport, dst, dport, 42 + payload), 8, payload);
    }

    /** Every flow a detected pattern covers, as "src:port>dst:port" mapped to the detector's name; ends the input first. */
    Map<String, String> flagged() {
        meter.finish();
        Map<String, String> out = new TreeMap<>();
        for (Flow f : ended) {
            String by = detectors.coveredBy(f);
            if (by != null) {
                out.put(describe(f), by);
            }
        }
        return out;
    }

    int flows() {
        return ended.size();
    }

    static String describe(Flow f) {
        return IpAddresses.formatAddress(f.ipVersion, f.srcHi, f.srcLo) + ":" + f.srcPort + ">"
                + IpAddresses.formatAddress(f.ipVersion, f.dstHi, f.dstLo) + ":" + f.dstPort;
    }

    static String key(String src, int sport, String dst, int dport) {
        return src + ":" + sport + ">" + dst + ":" + dport;
    }
}
