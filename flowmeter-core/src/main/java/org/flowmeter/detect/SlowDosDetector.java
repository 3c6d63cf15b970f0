package org.flowmeter.detect;

import java.util.Set;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Flow;

/**
 * Slow denial of service: one source ties up a service's connection slots with many TCP
 * connections that stay open while moving almost nothing. A connection is <b>held</b> when it
 * lasts at least {@link DetectorConfig#slowDosMinDuration}, carries at most
 * {@link DetectorConfig#slowDosRate} payload bytes a second both ways and got at most one short
 * answer ({@link DetectorConfig#slowDosAnswerBytes}; it waits for its request to end), or when
 * its source advertised a zero window and it carried at most
 * {@link DetectorConfig#slowDosZeroWindowRate} a second (a slow read); it <b>trickles</b> when it is held and its request came in several pieces that were
 * never answered (slowloris headers, a slow POST body). The pattern is a source whose held
 * connections to one service were open, on average, at least {@link DetectorConfig#slowDosConnections}
 * at a time over their span (the sum of their durations over the time from the first start to the
 * last end), or its trickling ones at least {@link DetectorConfig#slowDosTrickles} at a time. A
 * third form needs no time at all: many oversized requests of alike size to a web port answered
 * by a short error ({@link DetectorConfig#slowDosRequests}; slowhttptest's range mode sends a 23 KB header of
 * overlapping ranges, refused with "431"). Covers every flow from the source to that service in
 * the pattern's span, which runs from the first counted connection's start to the last one's
 * start or the last held connection's end, whichever is later.
 */
public final class SlowDosDetector implements Detector {
    public static final String NAME = "slow-dos";
    private static final int DURATION = 0;
    private static final int REQUESTS = 0;
    private static final int REQUEST_BYTES = 1;
    private static final int REQUEST_BYTES_SQUARED = 2;

    private final long connections;
    private final long trickles;
    private final long minDuration;
    private final double rate;
    private final double zeroWindowRate;
    private final int requests;
    private final long requestBytes;
    private final long answerBytes;
    private final double requestSpread;
    private final Set<Integer> webPorts;
    private final KeyTable services;
    private final SlotWindows held;
    private final SlotWindows trickling;
    private final SlotWindows oversized;
    /** Latest end of a held (and of a trickling) connection per slot: the end of the span their durations cover. */
    private final long[] heldEnd;
    private final long[] trickleEnd;
    private final long[] latestStart;

    public SlowDosDetector(DetectorConfig config) {
        this.connections = config.slowDosConnections;
        this.trickles = config.slowDosTrickles;
        this.minDuration = config.slowDosMinDuration.toNanos();
        this.rate = config.slowDosRate;
        this.zeroWindowRate = config.slowDosZeroWindowRate;
        this.requests = config.slowDosRequests;
        this.requestBytes = config.slowDosRequestBytes;
        this.answerBytes = config.slowDosAnswerBytes;
        this.requestSpread = config.slowDosRequestSpread;
        this.webPorts = Set.copyOf(config.webPorts);
        this.services = new KeyTable(config.tableSize);
        long window = config.slowDosWindow.toNanos();
        this.held = new SlotWindows(services.slots(), window, 1, 0);
        this.trickling = new SlotWindows(services.slots(), window, 1, 0);
        this.oversized = new SlotWindows(services.slots(), window, 3, 0);
        this.heldEnd = new long[services.slots()];
        this.trickleEnd = new long[services.slots()];
        this.latestStart = new long[services.slots()];
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow flow, FlowFacts facts) {
        if (flow.protocol != DecodedPacket.TCP || facts.forwardPayload() == 0
                || AddressKinds.isGroup(flow.ipVersion, flow.dstHi, flow.dstLo)) {
            return;
        }
        long start = flow.firstNanos();
        long end = flow.lastNanos();
        boolean isHeld = isHeld(end - start, facts);
        boolean isTrickling = isHeld && facts.backwardPayload() == 0 && facts.forwardPayloadPackets() >= 2;
        boolean isOversized = webPorts.contains(flow.dstPort) && facts.forwardPayload() >= requestBytes
                && facts.backwardPayload() <= answerBytes && facts.backwardPayload() * 8 <= facts.forwardPayload();
        if (!isHeld && !isOversized) {
            return;
        }
        int slot = services.findOrAdd(flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo,
                Keys.service(flow.ipVersion, flow.protocol, flow.dstPort), start);
        if (services.fresh()) {
            held.reset(slot);
            trickling.reset(slot);
            oversized.reset(slot);
            heldEnd[slot] = Long.MIN_VALUE;
            trickleEnd[slot] = Long.MIN_VALUE;
            latestStart[slot] = start;
        }
        latestStart[slot] = Math.max(latestStart[slot], start);
        held.roll(slot, start);
        trickling.roll(slot, start);
        oversized.roll(slot, start);
        double seconds = (end - start) / 1e9;
        if (isHeld) {
            held.add(slot, DURATION, seconds);
            held.counted(slot, start);
            heldEnd[slot] = Math.max(heldEnd[slot], end);
        }
        if (isTrickling) {
            trickling.add(slot, DURATION, seconds);
            trickling.counted(slot, start);
            trickleEnd[slot] = Math.max(trickleEnd[slot], end);
        }
        if (isOversized) {
            double bytes = facts.forwardPayload();
            oversized.add(slot, REQUESTS, 1);
            oversized.add(slot, REQUEST_BYTES, bytes);
            oversized.add(slot, REQUEST_BYTES_SQUARED, bytes * bytes);
            oversized.counted(slot, start);
        }
        if (openAtOnce(held, heldEnd, slot) >= connections || openAtOnce(trickling, trickleEnd, slot) >= trickles
                || isOversizedSeries(slot)) {
            // The span runs to the last held connection's end: the tool's probes and requests made
            // while its connections were still open belong to the attack too.
            long first = Math.min(held.firstStart(slot), Math.min(trickling.firstStart(slot), oversized.firstStart(slot)));
            services.flag(slot, first, Math.max(latestStart[slot], heldEnd[slot]));
        } else if (services.flagged(slot) && start <= services.flaggedUntil(slot) + held.window()) {
            services.flag(slot, start, start);
        }
    }

    private boolean isHeld(long nanos, FlowFacts facts) {
        if (nanos < minDuration) {
            return false;
        }
        double perSecond = (facts.forwardPayload() + facts.backwardPayload()) / (nanos / 1e9);
        if (facts.forwardZeroWindows() > 0) {
            return perSecond <= zeroWindowRate;
        }
        // Waiting for the request to end: nothing back, or one short answer (an error, a timeout
        // notice). A pooled connection (database, proxy to backend) is quiet too, but converses.
        if (perSecond > rate || facts.answers() > 1 || facts.backwardPayload() > answerBytes) {
            return false;
        }
        // A whole request (its head ended, its announced body complete) that got nothing back
        // before the client left was a client waiting on the server: a long-poll the capture cut
        // before its answer, or one its client abandoned. A slot holder never completes its
        // request (slowloris, slow POST); a slow reader is told by its zero window above.
        if (facts.sentOneWholeRequest() && !facts.answeredBeforeClose()) {
            return false;
        }
        // A long-poll (a chat, mail or CI agent; a proxy gathering them) sends its request whole
        // and the server answers when it has news: the quiet time was the server's, the client
        // waited. A slow attack keeps the server waiting for the client: its request comes in
        // pieces, or the answer comes at once and the client then holds the connection idle.
        boolean clientWaited = facts.answers() == 1 && facts.forwardDataPackets() == 1
                && facts.longestAnswerWait() * 2 >= nanos;
        return !clientWaited;
    }

    /**
     * How many of the counted connections were open at once on average, rounded: their summed
     * durations over the time from the earliest start to the latest end (1 for back-to-back
     * connections, n for n connections open side by side; a little less when they were opened
     * one after another, hence the rounding).
     */
    private static long openAtOnce(SlotWindows w, long[] ends, int slot) {
        long first = w.firstStart(slot);
        if (first == Long.MAX_VALUE || ends[slot] <= first) {
            return 0;
        }
        return Math.round(w.sum(slot, DURATION) / ((ends[slot] - first) / 1e9));
    }

    private boolean isOversizedSeries(int slot) {
        double n = oversized.sum(slot, REQUESTS);
        return n >= requests && SampleStats.variation(n, oversized.sum(slot, REQUEST_BYTES),
                oversized.sum(slot, REQUEST_BYTES_SQUARED)) <= requestSpread;
    }

    @Override
    public boolean covers(Flow flow) {
        int slot = services.find(flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo,
                Keys.service(flow.ipVersion, flow.protocol, flow.dstPort));
        return services.covers(slot, flow.firstNanos());
    }

    @Override
    public long evictions() {
        return services.evictions();
    }
}
