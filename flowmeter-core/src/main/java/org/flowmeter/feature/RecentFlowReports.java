package org.flowmeter.feature;

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
 * that they stay right however fast flows come. A flow costs a few lookups in a primitive hash
 * table ({@link CounterTable}) when it is reported, and no object; nothing per packet but {@link #tick}.
 */
final class RecentFlowReports {

    /* A tally's counters (what the window holds for one key; members: see {@link #add}). */
    private static final int FLOWS = 0;
    private static final int UNANSWERED_FLOWS = 1;
    private static final int FAILED_FLOWS = 2;
    /** Source: distinct destinations; destination and service: distinct sources. */
    private static final int MEMBERS = 3;
    /** Of those, the ones with an answered flow in the window. */
    private static final int ANSWERED_MEMBERS = 4;
    /** Source only: distinct endpoints (destination host, protocol, port). */
    private static final int ENDPOINTS = 5;
    private static final int ANSWERED_ENDPOINTS = 6;
    private static final int COUNTERS = 7;

    /** The hosts and service of one flow (source is the forward direction's). */
    record Keys(int version, long srcHi, long srcLo, long dstHi, long dstLo, int service) implements java.io.Serializable {
        static Keys of(int version, long srcHi, long srcLo, long dstHi, long dstLo, int service) {
            return new Keys(version, srcHi, srcLo, dstHi, dstLo, service);
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
    /*
     * The tallies, keyed by kind (so that a host as a source and as a destination are tallied apart,
     * a host may talk to itself) with version and service, then the kind's addresses, the others zero.
     */
    private final CounterTable tallies = new CounterTable(COUNTERS, 256);
    /** Where open flows' values are described, so that reading them allocates nothing. */
    final double[] scratch = new double[VALUES];
    private long[] times;
    /** The tally entries of each held flow, {@link #TALLIES} per flow. */
    private int[] held;
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
        held = new int[initial * TALLIES];
        flags = new byte[initial];
    }

    /**
     * Heap bytes of a window holding {@code capacity} reported flows whose five tallies are all
     * distinct keys (the worst case): the ring of times, tally entries and flags, and the tallies' table.
     */
    static long worstCaseBytes(int capacity) {
        long ring = (16 + 8L * capacity) + (16 + 4L * TALLIES * capacity) + (16 + (long) capacity);
        return ring + CounterTable.bytesFor(TALLIES * capacity, COUNTERS, 256);
    }

    /** Reported flows held at most. */
    int capacity() {
        return capacity;
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

    /**
     * Records a flow reported now (at the clock) and writes its values as {@link #describe} with
     * {@code own} false would: from the five tallies just found, not looked up again.
     */
    void addAndDescribe(Keys k, boolean unanswered, boolean failed, double[] out, int at) {
        int base = add(k, unanswered, failed);
        describe(held[base + SRC], held[base + DST], held[base + PAIR], held[base + SVC], held[base + SRC_SVC],
                false, unanswered, failed, out, at);
    }

    /** Records a flow reported now (at the clock); returns where its tally entries are held. */
    int add(Keys k, boolean unanswered, boolean failed) {
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
        int base = slot * TALLIES;
        int src = tallies.add(key(SRC, k.version(), 0), k.srcHi(), k.srcLo(), 0, 0);
        int dst = tallies.add(key(DST, k.version(), 0), 0, 0, k.dstHi(), k.dstLo());
        int pair = tallies.add(key(PAIR, k.version(), 0), k.srcHi(), k.srcLo(), k.dstHi(), k.dstLo());
        int svc = tallies.add(key(SVC, k.version(), k.service()), 0, 0, k.dstHi(), k.dstLo());
        int srcSvc = tallies.add(key(SRC_SVC, k.version(), k.service()), k.srcHi(), k.srcLo(), k.dstHi(), k.dstLo());
        held[base + SRC] = src;
        held[base + DST] = dst;
        held[base + PAIR] = pair;
        held[base + SVC] = svc;
        held[base + SRC_SVC] = srcSvc;
        size++;

        boolean pairWasAnswered = answered(pair) > 0;
        boolean srcSvcWasAnswered = answered(srcSvc) > 0;
        for (int i = 0; i < TALLIES; i++) {
            int t = held[base + i];
            tallies.addTo(t, FLOWS, 1);
            tallies.addTo(t, UNANSWERED_FLOWS, unanswered ? 1 : 0);
            tallies.addTo(t, FAILED_FLOWS, failed ? 1 : 0);
        }
        if (tallies.counter(pair, FLOWS) == 1) {
            tallies.addTo(src, MEMBERS, 1);
            tallies.addTo(dst, MEMBERS, 1);
        }
        if (!pairWasAnswered && answered(pair) > 0) {
            tallies.addTo(src, ANSWERED_MEMBERS, 1);
            tallies.addTo(dst, ANSWERED_MEMBERS, 1);
        }
        if (tallies.counter(srcSvc, FLOWS) == 1) {
            tallies.addTo(src, ENDPOINTS, 1);
            tallies.addTo(svc, MEMBERS, 1);
        }
        if (!srcSvcWasAnswered && answered(srcSvc) > 0) {
            tallies.addTo(src, ANSWERED_ENDPOINTS, 1);
            tallies.addTo(svc, ANSWERED_MEMBERS, 1);
        }
        return base;
    }

    /** The first key part: the tally's kind, the address family and (for services) the service. */
    private static long key(int kind, int version, int service) {
        return (long) kind << 48 | (long) version << 32 | (service & 0xFFFF_FFFFL);
    }

    private int answered(int tally) {
        return tallies.counter(tally, FLOWS) - tallies.counter(tally, UNANSWERED_FLOWS);
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
        int src = tallies.find(key(SRC, k.version(), 0), k.srcHi(), k.srcLo(), 0, 0);
        int dst = tallies.find(key(DST, k.version(), 0), 0, 0, k.dstHi(), k.dstLo());
        int pair = tallies.find(key(PAIR, k.version(), 0), k.srcHi(), k.srcLo(), k.dstHi(), k.dstLo());
        int svc = tallies.find(key(SVC, k.version(), k.service()), 0, 0, k.dstHi(), k.dstLo());
        int srcSvc = tallies.find(key(SRC_SVC, k.version(), k.service()), k.srcHi(), k.srcLo(), k.dstHi(), k.dstLo());
        describe(src, dst, pair, svc, srcSvc, own, unanswered, failed, out, at);
    }

    /** {@link #describe(Keys, boolean, boolean, boolean, double[], int)} from the five tallies' entries (-1: none). */
    private void describe(int src, int dst, int pair, int svc, int srcSvc, boolean own, boolean unanswered,
                          boolean failed, double[] out, int at) {
        int plus = own ? 1 : 0;
        int plusUnanswered = own && unanswered ? 1 : 0;
        int plusFailed = own && failed ? 1 : 0;
        // the flow itself adds a member only where no flow of its pair (source-service) is held
        int newPair = own && pair < 0 ? 1 : 0;
        int newSrcSvc = own && srcSvc < 0 ? 1 : 0;
        int newAnsweredPair = own && !unanswered && (pair < 0 || answered(pair) == 0) ? 1 : 0;
        int newAnsweredSrcSvc = own && !unanswered && (srcSvc < 0 || answered(srcSvc) == 0) ? 1 : 0;
        double span = spanSeconds();

        int srcFlows = count(src, FLOWS) + plus;
        out[at + SRC_FLOWS] = srcFlows;
        out[at + SRC_FLOWS_PER_SECOND] = srcFlows / span;
        out[at + SRC_UNANSWERED_SHARE] = share(count(src, UNANSWERED_FLOWS), plusUnanswered, srcFlows);
        out[at + SRC_FAILED_SHARE] = share(count(src, FAILED_FLOWS), plusFailed, srcFlows);
        out[at + SRC_HOSTS] = count(src, MEMBERS) + newPair;
        out[at + SRC_ENDPOINTS] = count(src, ENDPOINTS) + newSrcSvc;
        out[at + SRC_ANSWERED_ENDPOINTS] = count(src, ANSWERED_ENDPOINTS) + newAnsweredSrcSvc;

        int pairFlows = count(pair, FLOWS) + plus;
        out[at + PAIR_FLOWS] = pairFlows;
        out[at + PAIR_UNANSWERED_SHARE] = share(count(pair, UNANSWERED_FLOWS), plusUnanswered, pairFlows);
        out[at + PAIR_FAILED_SHARE] = share(count(pair, FAILED_FLOWS), plusFailed, pairFlows);

        int dstFlows = count(dst, FLOWS) + plus;
        int dstSources = count(dst, MEMBERS) + newPair;
        int dstAnswered = count(dst, ANSWERED_MEMBERS) + newAnsweredPair;
        out[at + DST_FLOWS] = dstFlows;
        out[at + DST_FLOWS_PER_SECOND] = dstFlows / span;
        out[at + DST_UNANSWERED_SHARE] = share(count(dst, UNANSWERED_FLOWS), plusUnanswered, dstFlows);
        out[at + DST_SOURCES] = dstSources;
        out[at + DST_ANSWERED_SOURCES] = dstAnswered;
        out[at + DST_UNANSWERED_SOURCES] = dstSources - dstAnswered;

        int svcFlows = count(svc, FLOWS) + plus;
        int svcSources = count(svc, MEMBERS) + newSrcSvc;
        int svcAnswered = count(svc, ANSWERED_MEMBERS) + newAnsweredSrcSvc;
        out[at + SVC_FLOWS] = svcFlows;
        out[at + SVC_FLOWS_PER_SECOND] = svcFlows / span;
        out[at + SVC_UNANSWERED_SHARE] = share(count(svc, UNANSWERED_FLOWS), plusUnanswered, svcFlows);
        out[at + SVC_SOURCES] = svcSources;
        out[at + SVC_ANSWERED_SOURCES] = svcAnswered;
        out[at + SVC_UNANSWERED_SOURCES] = svcSources - svcAnswered;

        out[at + SRC_UNANSWERED_FLOWS] = count(src, UNANSWERED_FLOWS) + plusUnanswered;
        out[at + SRC_FAILED_FLOWS] = count(src, FAILED_FLOWS) + plusFailed;
        out[at + PAIR_UNANSWERED_FLOWS] = count(pair, UNANSWERED_FLOWS) + plusUnanswered;
        out[at + PAIR_FAILED_FLOWS] = count(pair, FAILED_FLOWS) + plusFailed;
        out[at + DST_UNANSWERED_FLOWS] = count(dst, UNANSWERED_FLOWS) + plusUnanswered;
        out[at + SVC_UNANSWERED_FLOWS] = count(svc, UNANSWERED_FLOWS) + plusUnanswered;
    }

    /** A counter of a tally, 0 for a key not tallied (-1). */
    private int count(int tally, int counter) {
        return tally < 0 ? 0 : tallies.counter(tally, counter);
    }

    /** 0 when there is no flow (an ended flow is always held, so only before any report). */
    private static double share(int held, int own, int flows) {
        return flows == 0 ? 0 : (double) (held + own) / flows;
    }

    private void removeOldest() {
        int base = oldest * TALLIES;
        boolean unanswered = (flags[oldest] & UNANSWERED) != 0;
        boolean failed = (flags[oldest] & FAILED) != 0;
        int src = held[base + SRC];
        int dst = held[base + DST];
        int pair = held[base + PAIR];
        int svc = held[base + SVC];
        int srcSvc = held[base + SRC_SVC];
        boolean pairWasAnswered = answered(pair) > 0;
        boolean srcSvcWasAnswered = answered(srcSvc) > 0;
        for (int i = 0; i < TALLIES; i++) {
            int t = held[base + i];
            tallies.addTo(t, FLOWS, -1);
            tallies.addTo(t, UNANSWERED_FLOWS, unanswered ? -1 : 0);
            tallies.addTo(t, FAILED_FLOWS, failed ? -1 : 0);
        }
        if (tallies.counter(pair, FLOWS) == 0) {
            tallies.addTo(src, MEMBERS, -1);
            tallies.addTo(dst, MEMBERS, -1);
        }
        if (pairWasAnswered && answered(pair) == 0) {
            tallies.addTo(src, ANSWERED_MEMBERS, -1);
            tallies.addTo(dst, ANSWERED_MEMBERS, -1);
        }
        if (tallies.counter(srcSvc, FLOWS) == 0) {
            tallies.addTo(src, ENDPOINTS, -1);
            tallies.addTo(svc, MEMBERS, -1);
        }
        if (srcSvcWasAnswered && answered(srcSvc) == 0) {
            tallies.addTo(src, ANSWERED_ENDPOINTS, -1);
            tallies.addTo(svc, ANSWERED_MEMBERS, -1);
        }
        // the five keys are of five kinds, so five distinct entries
        removeIfEmpty(src);
        removeIfEmpty(dst);
        removeIfEmpty(pair);
        removeIfEmpty(svc);
        removeIfEmpty(srcSvc);
        oldest = (oldest + 1) % times.length;
        size--;
    }

    private void removeIfEmpty(int tally) {
        if (tallies.counter(tally, FLOWS) == 0) {
            tallies.remove(tally);
        }
    }

    /** Doubles the ring (up to the capacity), keeping the held flows in report order. */
    private void grow() {
        int n = Math.min(capacity, times.length * 2);
        long[] t = new long[n];
        int[] h = new int[n * TALLIES];
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
