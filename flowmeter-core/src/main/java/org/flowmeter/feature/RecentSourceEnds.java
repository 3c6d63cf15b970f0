package org.flowmeter.feature;

/**
 * The endpoints (destination host, protocol and port) that each source host's recently ended
 * flows went to, kept apart by whether the flow failed (no backward packet, or a TCP reset) or
 * was answered. A scan or a flood fails on endpoint after endpoint; a busy client that uses many
 * services at once (mail, web, DNS, SSH) is answered by all of them, though its counts of hosts
 * and services look like a small scan's.
 *
 * <p>A flow's counts are taken over the source's flows already ended whose last packet came in
 * the {@code windowNanos} before this flow's last packet, this flow included: distinct failed
 * endpoints and distinct answered endpoints, each capped at {@link #CAP}. Each source keeps only
 * its {@link #CAP} endpoints most recently ended of each kind, which is all a capped count needs,
 * and for each the first and last end of a flow to it: an endpoint counts when that span meets
 * the window. At most {@code maxSources} sources are kept: beyond that the source whose last flow
 * ended longest ago is dropped, which bounds memory under a flood of spoofed sources. Flows are reported out of end order (an idle UDP flow is reported long after its
 * last packet), and a flow reported late must still see the endpoints used before it.
 *
 * <p>Sources are held in a primitive hash table ({@link CounterTable}) and their endpoints in
 * primitive arrays linked per source (about 40 bytes an endpoint): no object per source,
 * endpoint or span.
 */
final class RecentSourceEnds {
    /** Counts stop here. */
    static final int CAP = 16;
    /** How many values {@link #count} writes: failed endpoints, answered endpoints. */
    /** Positions in the array {@link #count} and {@link #end} fill. */
    static final int FAILED_ENDPOINTS = 0;
    static final int ANSWERED_ENDPOINTS = 1;
    static final int COUNTS = 2;
    /** How many ended flows pass between sweeps of sources gone quiet. */
    private static final int SWEEP_EVERY = 1 << 16;

    /** A source host. */
    record SourceKey(int version, long hi, long lo) implements java.io.Serializable {
    }

    /** Where a flow went: destination host and service (protocol and destination port). */
    record Endpoint(long dstHi, long dstLo, int service) implements java.io.Serializable {
    }

    /* A source's counters in the table: the first (eldest) endpoint of each kind's list and their lengths. */
    private static final int FAILED_HEAD = 0;
    private static final int ANSWERED_HEAD = 1;
    private static final int FAILED_SIZE = 2;
    private static final int ANSWERED_SIZE = 3;
    private static final int NONE = -1;

    private final long windowNanos;
    private final int maxSources;
    /** The sources, keyed (version, 0, address); entry numbers index the arrays below. */
    private final CounterTable bySource = new CounterTable(4, 256);
    /** Per source: its newest end, and its neighbours in order of each source's last end (eldest first). */
    private long[] sourceNewest = new long[0];
    private int[] older = new int[0];
    private int[] newer = new int[0];
    private int eldest = NONE;
    private int youngest = NONE;
    /*
     * Endpoints, in lists per source and kind in the order flows to them were last reported
     * (eldest first): destination, service, first and last end of the flows to it, next in the list.
     */
    private long[] dstHis = new long[256];
    private long[] dstLos = new long[256];
    private int[] services = new int[256];
    private long[] firsts = new long[256];
    private long[] lasts = new long[256];
    private int[] next = new int[256];
    private int freeEndpoints = NONE;
    private int usedEndpoints;
    private long newestEnd = Long.MIN_VALUE;
    private int sinceSweep;

    RecentSourceEnds(long windowNanos, int maxSources) {
        this.windowNanos = windowNanos;
        this.maxSources = maxSources;
    }

    /**
     * Counts, for a flow of {@code source} to {@code endpoint} ending now, over the source's recent
     * ended flows and its own, into {@code out[0..1]}. Changes nothing: used for early scores of flows still open.
     */
    void count(SourceKey source, Endpoint endpoint, long endNanos, boolean failed, int[] out) {
        int s = bySource.find(source.version(), source.hi(), source.lo(), 0, 0);
        int failedHead = s < 0 ? NONE : bySource.counter(s, FAILED_HEAD);
        int answeredHead = s < 0 ? NONE : bySource.counter(s, ANSWERED_HEAD);
        out[FAILED_ENDPOINTS] = distinct(failedHead, failed ? endpoint : null, endNanos);
        out[ANSWERED_ENDPOINTS] = distinct(answeredHead, failed ? null : endpoint, endNanos);
    }

    /** Remembers the flow as ended, then counts as {@link #count}. */
    void end(SourceKey source, Endpoint endpoint, long endNanos, boolean failed, int[] out) {
        int s = bySource.find(source.version(), source.hi(), source.lo(), 0, 0);
        if (s < 0) {
            if (bySource.size() == maxSources) {
                removeSource(eldest); // the source quiet longest makes room
            }
            s = bySource.add(source.version(), source.hi(), source.lo(), 0, 0);
            ensureSourceArrays();
            bySource.addTo(s, FAILED_HEAD, NONE);
            bySource.addTo(s, ANSWERED_HEAD, NONE);
            sourceNewest[s] = Long.MIN_VALUE;
            linkYoungest(s);
        } else {
            unlink(s);
            linkYoungest(s);
        }
        int head = failed ? FAILED_HEAD : ANSWERED_HEAD;
        int sizeOf = failed ? FAILED_SIZE : ANSWERED_SIZE;
        // Re-appended, so the list stays in order of the last flow reported to each endpoint.
        int before = NONE;
        int e = bySource.counter(s, head);
        while (e != NONE && !isEndpoint(e, endpoint)) {
            before = e;
            e = next[e];
        }
        if (e == NONE) {
            e = newEndpoint(endpoint, endNanos);
            bySource.addTo(s, sizeOf, 1);
        } else {
            unlinkEndpoint(s, head, before, e);
            firsts[e] = Math.min(firsts[e], endNanos);
            lasts[e] = Math.max(lasts[e], endNanos);
        }
        appendEndpoint(s, head, e);
        if (bySource.counter(s, sizeOf) > CAP) {
            int first = bySource.counter(s, head);
            unlinkEndpoint(s, head, NONE, first);
            freeEndpoint(first);
            bySource.addTo(s, sizeOf, -1);
        }
        sourceNewest[s] = Math.max(sourceNewest[s], endNanos);
        count(source, endpoint, endNanos, failed, out);
        newestEnd = Math.max(newestEnd, endNanos);
        if (++sinceSweep >= SWEEP_EVERY) {
            sweep();
        }
    }

    /** Endpoints in the window before {@code endNanos}, and {@code own} if it is not among them. */
    private int distinct(int head, Endpoint own, long endNanos) {
        int n = 0;
        boolean ownSeen = own == null;
        long from = endNanos - windowNanos;
        for (int e = head; e != NONE; e = next[e]) {
            // the span of flows to the endpoint meets the window
            if (firsts[e] <= endNanos && lasts[e] > from) {
                n++;
                ownSeen |= own != null && isEndpoint(e, own);
            }
        }
        return Math.min(CAP, ownSeen ? n : n + 1);
    }

    /** Sources whose every ended flow is out of any future window. */
    private void sweep() {
        sinceSweep = 0;
        for (int s = eldest; s != NONE; ) {
            int after = newer[s];
            if (sourceNewest[s] <= newestEnd - windowNanos) {
                removeSource(s);
            }
            s = after;
        }
    }

    int sources() {
        return bySource.size();
    }

    /** Heap bytes of a window of {@code maxSources} sources at its worst case (every source with {@link #CAP} endpoints of each kind). */
    static long worstCaseBytes(int maxSources) {
        long sources = CounterTable.bytesFor(maxSources, 4, 256);
        long perSource = Math.max(256, Long.highestOneBit(Math.max(1, maxSources - 1)) << 1);
        long endpoints = Math.max(256, Long.highestOneBit(Math.max(1, 2L * CAP * maxSources - 1)) << 1);
        return sources + 3 * 16 + perSource * (8 + 4 + 4) + 6 * 16 + endpoints * (8 + 8 + 4 + 8 + 8 + 4);
    }

    private boolean isEndpoint(int e, Endpoint endpoint) {
        return dstLos[e] == endpoint.dstLo() && services[e] == endpoint.service() && dstHis[e] == endpoint.dstHi();
    }

    private void removeSource(int s) {
        for (int e = bySource.counter(s, FAILED_HEAD); e != NONE; ) {
            int after = next[e];
            freeEndpoint(e);
            e = after;
        }
        for (int e = bySource.counter(s, ANSWERED_HEAD); e != NONE; ) {
            int after = next[e];
            freeEndpoint(e);
            e = after;
        }
        unlink(s);
        bySource.remove(s);
    }

    private void appendEndpoint(int s, int head, int e) {
        next[e] = NONE;
        int last = bySource.counter(s, head);
        if (last == NONE) {
            bySource.addTo(s, head, e - NONE);
            return;
        }
        while (next[last] != NONE) {
            last = next[last];
        }
        next[last] = e;
    }

    private void unlinkEndpoint(int s, int head, int before, int e) {
        if (before == NONE) {
            bySource.addTo(s, head, next[e] - e);
        } else {
            next[before] = next[e];
        }
    }

    private int newEndpoint(Endpoint endpoint, long endNanos) {
        int e;
        if (freeEndpoints != NONE) {
            e = freeEndpoints;
            freeEndpoints = next[e];
        } else {
            if (usedEndpoints == next.length) {
                int n = 2 * next.length;
                dstHis = java.util.Arrays.copyOf(dstHis, n);
                dstLos = java.util.Arrays.copyOf(dstLos, n);
                services = java.util.Arrays.copyOf(services, n);
                firsts = java.util.Arrays.copyOf(firsts, n);
                lasts = java.util.Arrays.copyOf(lasts, n);
                next = java.util.Arrays.copyOf(next, n);
            }
            e = usedEndpoints++;
        }
        dstHis[e] = endpoint.dstHi();
        dstLos[e] = endpoint.dstLo();
        services[e] = endpoint.service();
        firsts[e] = endNanos;
        lasts[e] = endNanos;
        return e;
    }

    private void freeEndpoint(int e) {
        next[e] = freeEndpoints;
        freeEndpoints = e;
    }

    private void ensureSourceArrays() {
        int n = bySource.capacity();
        if (older.length < n) {
            sourceNewest = java.util.Arrays.copyOf(sourceNewest, n);
            older = java.util.Arrays.copyOf(older, n);
            newer = java.util.Arrays.copyOf(newer, n);
        }
    }

    private void linkYoungest(int s) {
        older[s] = youngest;
        newer[s] = NONE;
        if (youngest != NONE) {
            newer[youngest] = s;
        } else {
            eldest = s;
        }
        youngest = s;
    }

    private void unlink(int s) {
        if (older[s] != NONE) {
            newer[older[s]] = newer[s];
        } else {
            eldest = newer[s];
        }
        if (newer[s] != NONE) {
            older[newer[s]] = older[s];
        } else {
            youngest = older[s];
        }
    }
}
