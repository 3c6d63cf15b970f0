package org.flowmeter.feature;

import java.util.HashMap;
import java.util.Map;

/**
 * The flows a meter reported (ended) in the last {@code windowNanos} of packet time, tallied per
 * source host, destination host, host pair, service (destination host, protocol, port) and
 * source-service pair, without a cap on any count: how many flows, how many went unanswered or
 * failed, and how many distinct members (hosts, endpoints, sources) each tally reached, and how
 * many of those members were answered.
 *
 * <p>The clock is the newest packet time any flow of the meter has seen ({@link #tick}), so a
 * flow reported late (an idle UDP flow, reported a timeout after its last packet) still meets
 * the flows reported around it. Memory is bounded by {@code capacity} reported flows: beyond it
 * the oldest leave early, counts then cover a shorter span, and rates are taken over that span so
 * that they stay right however fast flows come. A flow costs a few hash-map updates when it is
 * reported; nothing per packet but {@link #tick}.
 */
final class RecentFlowReports {

    /** What the window holds for one key. Members: see {@link #add}. */
    private static final class Tally {
        final Object key;
        int flows;
        int unanswered;
        int failed;
        /** Source: distinct destinations; destination and service: distinct sources. */
        int members;
        /** Of those, the ones with an answered flow in the window. */
        int answeredMembers;
        /** Source only: distinct endpoints (destination host, protocol, port). */
        int endpoints;
        int answeredEndpoints;

        Tally(Object key) {
            this.key = key;
        }

        int answered() {
            return flows - unanswered;
        }
    }

    /** The keys of one flow, made once when the flow starts. */
    record Keys(Key source, Key destination, Key pair, Key service, Key sourceService) implements java.io.Serializable {
        static Keys of(int version, long srcHi, long srcLo, long dstHi, long dstLo, int service) {
            return new Keys(new Key(SRC, version, srcHi, srcLo, 0, 0, 0),
                    new Key(DST, version, 0, 0, dstHi, dstLo, 0),
                    new Key(PAIR, version, srcHi, srcLo, dstHi, dstLo, 0),
                    new Key(SVC, version, 0, 0, dstHi, dstLo, service),
                    new Key(SRC_SVC, version, srcHi, srcLo, dstHi, dstLo, service));
        }
    }

    /**
     * A tally's key: its kind (so that a host as a source and as a destination are tallied apart,
     * a host may talk to itself) and the fields of that kind, the others zero. The hash is
     * computed once, as keys are looked up several times per flow.
     */
    static final class Key implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final int kind;
        private final int version;
        private final long srcHi;
        private final long srcLo;
        private final long dstHi;
        private final long dstLo;
        private final int service;
        private final int hash;

        Key(int kind, int version, long srcHi, long srcLo, long dstHi, long dstLo, int service) {
            this.kind = kind;
            this.version = version;
            this.srcHi = srcHi;
            this.srcLo = srcLo;
            this.dstHi = dstHi;
            this.dstLo = dstLo;
            this.service = service;
            int h = kind * 31 + version;
            h = h * 31 + Long.hashCode(srcHi);
            h = h * 31 + Long.hashCode(srcLo);
            h = h * 31 + Long.hashCode(dstHi);
            h = h * 31 + Long.hashCode(dstLo);
            this.hash = h * 31 + service;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && srcLo == k.srcLo && dstLo == k.dstLo && service == k.service
                    && kind == k.kind && version == k.version && srcHi == k.srcHi && dstHi == k.dstHi;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final int SRC = 0;
    private static final int DST = 1;
    private static final int PAIR = 2;
    private static final int SVC = 3;
    private static final int SRC_SVC = 4;
    private static final int TALLIES = 5;
    private static final int UNANSWERED = 1;
    private static final int FAILED = 2;

    private final long windowNanos;
    private final int capacity;
    private final Map<Object, Tally> tallies = new HashMap<>();
    /** Where open flows' values are described, so that reading them allocates nothing. */
    final double[] scratch = new double[VALUES];
    private long[] times;
    private Tally[] held;
    private byte[] flags;
    private int oldest;
    private int size;
    private long clock = Long.MIN_VALUE;
    /** Report time of the last flow that left early for capacity; MIN_VALUE if none did. */
    private long lastEarlyLeave = Long.MIN_VALUE;

    RecentFlowReports(long windowNanos, int capacity) {
        if (windowNanos <= 0 || capacity <= 0) {
            throw new IllegalArgumentException("window and capacity must be positive");
        }
        this.windowNanos = windowNanos;
        this.capacity = capacity;
        int initial = Math.min(capacity, 256);
        times = new long[initial];
        held = new Tally[initial * TALLIES];
        flags = new byte[initial];
    }

    /** Advances the clock to a packet's time (packet time may step back; the clock does not). */
    void tick(long nanos) {
        if (nanos > clock) {
            clock = nanos;
        }
    }

    /** Drops the flows reported at or before the clock minus the window. */
    void expire() {
        while (size > 0 && times[oldest] <= clock - windowNanos) {
            removeOldest();
        }
    }

    /**
     * The span in seconds the window covers now: the window, or less when flows left early for
     * capacity (then the time since the last of them left), never less than a millisecond.
     */
    double spanSeconds() {
        long span = windowNanos;
        if (lastEarlyLeave > clock - windowNanos) {
            span = clock - lastEarlyLeave;
        }
        return Math.max(span, 1_000_000L) / 1e9;
    }

    /** Flows held now. */
    int size() {
        return size;
    }

    /** Keys tallied now (every key with a flow in the window, none other). */
    int keys() {
        return tallies.size();
    }

    /** Records a flow reported now (at the clock). */
    void add(Keys k, boolean unanswered, boolean failed) {
        expire();
        if (size == capacity) {
            lastEarlyLeave = times[oldest];
            removeOldest();
        }
        if (size == times.length) {
            grow();
        }
        int slot = (oldest + size) % times.length;
        times[slot] = clock;
        flags[slot] = (byte) ((unanswered ? UNANSWERED : 0) | (failed ? FAILED : 0));
        Tally src = tally(k.source());
        Tally dst = tally(k.destination());
        Tally pair = tally(k.pair());
        Tally svc = tally(k.service());
        Tally srcSvc = tally(k.sourceService());
        held[slot * TALLIES + SRC] = src;
        held[slot * TALLIES + DST] = dst;
        held[slot * TALLIES + PAIR] = pair;
        held[slot * TALLIES + SVC] = svc;
        held[slot * TALLIES + SRC_SVC] = srcSvc;
        size++;

        boolean pairWasAnswered = pair.answered() > 0;
        boolean srcSvcWasAnswered = srcSvc.answered() > 0;
        for (int i = 0; i < TALLIES; i++) {
            Tally t = held[slot * TALLIES + i];
            t.flows++;
            t.unanswered += unanswered ? 1 : 0;
            t.failed += failed ? 1 : 0;
        }
        if (pair.flows == 1) {
            src.members++;
            dst.members++;
        }
        if (!pairWasAnswered && pair.answered() > 0) {
            src.answeredMembers++;
            dst.answeredMembers++;
        }
        if (srcSvc.flows == 1) {
            src.endpoints++;
            svc.members++;
        }
        if (!srcSvcWasAnswered && srcSvc.answered() > 0) {
            src.answeredEndpoints++;
            svc.answeredMembers++;
        }
    }

    /** Positions of the values {@link #describe} writes. */
    static final int SRC_FLOWS = 0;
    static final int SRC_FLOWS_PER_SECOND = 1;
    static final int SRC_UNANSWERED_SHARE = 2;
    static final int SRC_FAILED_SHARE = 3;
    static final int SRC_HOSTS = 4;
    static final int SRC_ENDPOINTS = 5;
    static final int SRC_ANSWERED_ENDPOINTS = 6;
    static final int PAIR_FLOWS = 7;
    static final int PAIR_UNANSWERED_SHARE = 8;
    static final int PAIR_FAILED_SHARE = 9;
    static final int DST_FLOWS = 10;
    static final int DST_FLOWS_PER_SECOND = 11;
    static final int DST_UNANSWERED_SHARE = 12;
    static final int DST_SOURCES = 13;
    static final int DST_ANSWERED_SOURCES = 14;
    static final int DST_UNANSWERED_SOURCES = 15;
    static final int SVC_FLOWS = 16;
    static final int SVC_FLOWS_PER_SECOND = 17;
    static final int SVC_UNANSWERED_SHARE = 18;
    static final int SVC_SOURCES = 19;
    static final int SVC_ANSWERED_SOURCES = 20;
    static final int SVC_UNANSWERED_SOURCES = 21;
    static final int SRC_UNANSWERED_FLOWS = 22;
    static final int SRC_FAILED_FLOWS = 23;
    static final int PAIR_UNANSWERED_FLOWS = 24;
    static final int PAIR_FAILED_FLOWS = 25;
    static final int DST_UNANSWERED_FLOWS = 26;
    static final int SVC_UNANSWERED_FLOWS = 27;
    /** How many values {@link #describe} writes. */
    static final int VALUES = 28;

    /**
     * Writes the columns of {@link LoadFeatures} for a flow with keys {@code k} over the flows
     * held now; with {@code own}, the flow itself is counted as if reported now with the given
     * outcome (an early score of a flow still open), otherwise it must already have been added.
     */
    void describe(Keys k, boolean own, boolean unanswered, boolean failed, double[] out, int at) {
        Tally src = tallies.get(k.source());
        Tally dst = tallies.get(k.destination());
        Tally pair = tallies.get(k.pair());
        Tally svc = tallies.get(k.service());
        Tally srcSvc = tallies.get(k.sourceService());
        int plus = own ? 1 : 0;
        int plusUnanswered = own && unanswered ? 1 : 0;
        int plusFailed = own && failed ? 1 : 0;
        // the flow itself adds a member only where no flow of its pair (source-service) is held
        int newPair = own && pair == null ? 1 : 0;
        int newSrcSvc = own && srcSvc == null ? 1 : 0;
        int newAnsweredPair = own && !unanswered && (pair == null || pair.answered() == 0) ? 1 : 0;
        int newAnsweredSrcSvc = own && !unanswered && (srcSvc == null || srcSvc.answered() == 0) ? 1 : 0;
        double span = spanSeconds();

        int srcFlows = flows(src) + plus;
        out[at + SRC_FLOWS] = srcFlows;
        out[at + SRC_FLOWS_PER_SECOND] = srcFlows / span;
        out[at + SRC_UNANSWERED_SHARE] = share(src == null ? 0 : src.unanswered, plusUnanswered, srcFlows);
        out[at + SRC_FAILED_SHARE] = share(src == null ? 0 : src.failed, plusFailed, srcFlows);
        out[at + SRC_HOSTS] = (src == null ? 0 : src.members) + newPair;
        out[at + SRC_ENDPOINTS] = (src == null ? 0 : src.endpoints) + newSrcSvc;
        out[at + SRC_ANSWERED_ENDPOINTS] = (src == null ? 0 : src.answeredEndpoints) + newAnsweredSrcSvc;

        int pairFlows = flows(pair) + plus;
        out[at + PAIR_FLOWS] = pairFlows;
        out[at + PAIR_UNANSWERED_SHARE] = share(pair == null ? 0 : pair.unanswered, plusUnanswered, pairFlows);
        out[at + PAIR_FAILED_SHARE] = share(pair == null ? 0 : pair.failed, plusFailed, pairFlows);

        int dstFlows = flows(dst) + plus;
        int dstSources = (dst == null ? 0 : dst.members) + newPair;
        int dstAnswered = (dst == null ? 0 : dst.answeredMembers) + newAnsweredPair;
        out[at + DST_FLOWS] = dstFlows;
        out[at + DST_FLOWS_PER_SECOND] = dstFlows / span;
        out[at + DST_UNANSWERED_SHARE] = share(dst == null ? 0 : dst.unanswered, plusUnanswered, dstFlows);
        out[at + DST_SOURCES] = dstSources;
        out[at + DST_ANSWERED_SOURCES] = dstAnswered;
        out[at + DST_UNANSWERED_SOURCES] = dstSources - dstAnswered;

        int svcFlows = flows(svc) + plus;
        int svcSources = (svc == null ? 0 : svc.members) + newSrcSvc;
        int svcAnswered = (svc == null ? 0 : svc.answeredMembers) + newAnsweredSrcSvc;
        out[at + SVC_FLOWS] = svcFlows;
        out[at + SVC_FLOWS_PER_SECOND] = svcFlows / span;
        out[at + SVC_UNANSWERED_SHARE] = share(svc == null ? 0 : svc.unanswered, plusUnanswered, svcFlows);
        out[at + SVC_SOURCES] = svcSources;
        out[at + SVC_ANSWERED_SOURCES] = svcAnswered;
        out[at + SVC_UNANSWERED_SOURCES] = svcSources - svcAnswered;

        out[at + SRC_UNANSWERED_FLOWS] = (src == null ? 0 : src.unanswered) + plusUnanswered;
        out[at + SRC_FAILED_FLOWS] = (src == null ? 0 : src.failed) + plusFailed;
        out[at + PAIR_UNANSWERED_FLOWS] = (pair == null ? 0 : pair.unanswered) + plusUnanswered;
        out[at + PAIR_FAILED_FLOWS] = (pair == null ? 0 : pair.failed) + plusFailed;
        out[at + DST_UNANSWERED_FLOWS] = (dst == null ? 0 : dst.unanswered) + plusUnanswered;
        out[at + SVC_UNANSWERED_FLOWS] = (svc == null ? 0 : svc.unanswered) + plusUnanswered;
    }

    private static int flows(Tally t) {
        return t == null ? 0 : t.flows;
    }

    /** 0 when there is no flow (an ended flow is always held, so only before any report). */
    private static double share(int held, int own, int flows) {
        return flows == 0 ? 0 : (double) (held + own) / flows;
    }

    private Tally tally(Object key) {
        return tallies.computeIfAbsent(key, Tally::new);
    }

    private void removeOldest() {
        int base = oldest * TALLIES;
        boolean unanswered = (flags[oldest] & UNANSWERED) != 0;
        boolean failed = (flags[oldest] & FAILED) != 0;
        Tally src = held[base + SRC];
        Tally dst = held[base + DST];
        Tally pair = held[base + PAIR];
        Tally svc = held[base + SVC];
        Tally srcSvc = held[base + SRC_SVC];
        boolean pairWasAnswered = pair.answered() > 0;
        boolean srcSvcWasAnswered = srcSvc.answered() > 0;
        for (int i = 0; i < TALLIES; i++) {
            Tally t = held[base + i];
            held[base + i] = null;
            t.flows--;
            t.unanswered -= unanswered ? 1 : 0;
            t.failed -= failed ? 1 : 0;
        }
        if (pair.flows == 0) {
            src.members--;
            dst.members--;
        }
        if (pairWasAnswered && pair.answered() == 0) {
            src.answeredMembers--;
            dst.answeredMembers--;
        }
        if (srcSvc.flows == 0) {
            src.endpoints--;
            svc.members--;
        }
        if (srcSvcWasAnswered && srcSvc.answered() == 0) {
            src.answeredEndpoints--;
            svc.answeredMembers--;
        }
        removeIfEmpty(src);
        removeIfEmpty(dst);
        removeIfEmpty(pair);
        removeIfEmpty(svc);
        removeIfEmpty(srcSvc);
        oldest = (oldest + 1) % times.length;
        size--;
    }

    private void removeIfEmpty(Tally t) {
        if (t.flows == 0) {
            tallies.remove(t.key);
        }
    }

    /** Doubles the ring (up to the capacity), keeping the held flows in report order. */
    private void grow() {
        int n = Math.min(capacity, times.length * 2);
        long[] t = new long[n];
        Tally[] h = new Tally[n * TALLIES];
        byte[] f = new byte[n];
        for (int i = 0; i < size; i++) {
            int from = (oldest + i) % times.length;
            t[i] = times[from];
            f[i] = flags[from];
            System.arraycopy(held, from * TALLIES, h, i * TALLIES, TALLIES);
        }
        times = t;
        held = h;
        flags = f;
        oldest = 0;
    }
}
