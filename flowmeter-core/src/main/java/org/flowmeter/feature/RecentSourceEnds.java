package org.flowmeter.feature;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** First and last end of the flows to one endpoint. */
    private static final class Span {
        long first;
        long last;

        Span(long end) {
            first = end;
            last = end;
        }

        boolean meets(long fromExclusive, long toInclusive) {
            return first <= toInclusive && last > fromExclusive;
        }
    }

    /** One source's endpoints in the order flows to them were last reported, at most {@link #CAP} of each kind. */
    private static final class Source {
        final Map<Endpoint, Span> failed = bounded();
        final Map<Endpoint, Span> answered = bounded();
        long newestEnd = Long.MIN_VALUE;

        private static Map<Endpoint, Span> bounded() {
            return new LinkedHashMap<>(2 * CAP, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Endpoint, Span> eldest) {
                    return size() > CAP;
                }
            };
        }
    }

    private final long windowNanos;
    private final Map<SourceKey, Source> bySource;
    private long newestEnd = Long.MIN_VALUE;
    private int sinceSweep;

    RecentSourceEnds(long windowNanos, int maxSources) {
        this.windowNanos = windowNanos;
        // In order of each source's last end: the eldest is the source quiet longest.
        this.bySource = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SourceKey, Source> eldest) {
                return size() > maxSources;
            }
        };
    }

    /**
     * Counts, for a flow of {@code source} to {@code endpoint} ending now, over the source's recent
     * ended flows and its own, into {@code out[0..1]}. Changes nothing: used for early scores of flows still open.
     */
    void count(SourceKey source, Endpoint endpoint, long endNanos, boolean failed, int[] out) {
        Source s = bySource.get(source);
        out[FAILED_ENDPOINTS] = distinct(s == null ? null : s.failed, failed ? endpoint : null, endNanos);
        out[ANSWERED_ENDPOINTS] = distinct(s == null ? null : s.answered, failed ? null : endpoint, endNanos);
    }

    /** Remembers the flow as ended, then counts as {@link #count}. */
    void end(SourceKey source, Endpoint endpoint, long endNanos, boolean failed, int[] out) {
        Source s = bySource.remove(source);
        if (s == null) {
            s = new Source();
        }
        bySource.put(source, s);
        Map<Endpoint, Span> kind = failed ? s.failed : s.answered;
        // Re-inserted, so the map stays in order of the last flow reported to each endpoint.
        Span span = kind.remove(endpoint);
        if (span == null) {
            span = new Span(endNanos);
        } else {
            span.first = Math.min(span.first, endNanos);
            span.last = Math.max(span.last, endNanos);
        }
        kind.put(endpoint, span);
        s.newestEnd = Math.max(s.newestEnd, endNanos);
        count(source, endpoint, endNanos, failed, out);
        newestEnd = Math.max(newestEnd, endNanos);
        if (++sinceSweep >= SWEEP_EVERY) {
            sweep();
        }
    }

    /** Endpoints in the window before {@code endNanos}, and {@code own} if it is not among them. */
    private int distinct(Map<Endpoint, Span> endpoints, Endpoint own, long endNanos) {
        int n = 0;
        boolean ownSeen = own == null;
        if (endpoints != null) {
            for (Map.Entry<Endpoint, Span> e : endpoints.entrySet()) {
                if (e.getValue().meets(endNanos - windowNanos, endNanos)) {
                    n++;
                    ownSeen |= e.getKey().equals(own);
                }
            }
        }
        return Math.min(CAP, ownSeen ? n : n + 1);
    }

    /** Sources whose every ended flow is out of any future window. */
    private void sweep() {
        sinceSweep = 0;
        for (Iterator<Source> it = bySource.values().iterator(); it.hasNext(); ) {
            if (it.next().newestEnd <= newestEnd - windowNanos) {
                it.remove();
            }
        }
    }

    int sources() {
        return bySource.size();
    }
}
