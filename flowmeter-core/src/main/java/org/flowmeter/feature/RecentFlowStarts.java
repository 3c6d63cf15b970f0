package org.flowmeter.feature;

import java.util.HashMap;
import java.util.Map;

/**
 * The flows of one meter that started recently, counted per host, per host pair and per
 * service, so that a new flow can be seen in context: how many flows its source started, to how
 * many hosts and services, how many flows its destination received and from how many sources.
 *
 * <p>The window holds the flows started in the last {@code windowNanos} of packet time (up to
 * and including the newest start), and at most the last {@code capacity} of them, so memory is
 * bounded however fast flows start. Flows leave in the order they were seen, so after packet time
 * steps back (merged captures) a flow may stay until the flows seen before it have left. Cost is
 * a few hash-map updates per flow, none per packet. The flows are held in primitive arrays that
 * grow with the window's flows (not allocated at the bound), about 48 bytes a flow.
 */
final class RecentFlowStarts {
    /** Positions in the array {@link #record} fills. */
    static final int PAIR_FLOWS = 0;
    static final int SOURCE_FLOWS = 1;
    static final int SOURCE_HOSTS = 2;
    static final int SOURCE_SERVICES = 3;
    static final int DESTINATION_FLOWS = 4;
    static final int DESTINATION_SOURCES = 5;
    static final int COUNTS = 6;

    private record Host(int version, long hi, long lo) {
    }

    private record Pair(Host source, Host destination) {
    }

    private record HostService(Host host, int service) {
    }

    /** What the window holds about one host; dropped when every count is back to zero. */
    private static final class HostCounts {
        int flowsFrom;
        int flowsTo;
        int destinations;
        int sources;
        int services;

        boolean unused() {
            return flowsFrom == 0 && flowsTo == 0;
        }
    }

    private final long windowNanos;
    private final int capacity;
    /*
     * The flows in the window, oldest at {@code oldest}, in a ring of primitive columns that grows
     * with the flows the window holds, up to {@code capacity}: no object per flow.
     */
    private long[] starts;
    private int[] versions;
    private long[] srcHis;
    private long[] srcLos;
    private long[] dstHis;
    private long[] dstLos;
    private int[] services;
    private int oldest;
    private int size;
    private long newest = Long.MIN_VALUE;

    private final Map<Host, HostCounts> hosts = new HashMap<>();
    private final Map<Pair, int[]> pairs = new HashMap<>();
    private final Map<HostService, int[]> sourceServices = new HashMap<>();

    RecentFlowStarts(long windowNanos, int capacity) {
        if (windowNanos <= 0 || capacity <= 0) {
            throw new IllegalArgumentException("window and capacity must be positive");
        }
        this.windowNanos = windowNanos;
        this.capacity = capacity;
        allocate(Math.min(capacity, 256));
    }

    private void allocate(int slots) {
        starts = new long[slots];
        versions = new int[slots];
        srcHis = new long[slots];
        srcLos = new long[slots];
        dstHis = new long[slots];
        dstLos = new long[slots];
        services = new int[slots];
    }

    /** Doubles the ring (at most to the capacity), the oldest flow moving to slot 0. */
    private void grow() {
        long[] s = starts;
        int[] v = versions;
        long[] sh = srcHis;
        long[] sl = srcLos;
        long[] dh = dstHis;
        long[] dl = dstLos;
        int[] sv = services;
        allocate((int) Math.min(capacity, 2L * s.length));
        for (int i = 0; i < size; i++) {
            int from = (oldest + i) % s.length;
            starts[i] = s[from];
            versions[i] = v[from];
            srcHis[i] = sh[from];
            srcLos[i] = sl[from];
            dstHis[i] = dh[from];
            dstLos[i] = dl[from];
            services[i] = sv[from];
        }
        oldest = 0;
    }

    /**
     * Adds a flow started at {@code startNanos} from the source to the destination address (see
     * {@link org.flowmeter.decode.DecodedPacket} for the address halves), for {@code service}
     * (protocol and destination port), and writes the counts of the window, this flow included,
     * into {@code out} at the positions named by this class's constants.
     */
    void record(long startNanos, int ipVersion, long srcHi, long srcLo, long dstHi, long dstLo,
                int service, int[] out) {
        // Packet time may step back a little (merged captures); the window never does.
        newest = Math.max(newest, startNanos);
        while (size > 0 && (size == capacity || starts[oldest] <= newest - windowNanos)) {
            removeOldest();
        }
        if (size == starts.length) {
            grow();
        }
        Host source = new Host(ipVersion, srcHi, srcLo);
        Host destination = new Host(ipVersion, dstHi, dstLo);
        Pair pair = new Pair(source, destination);
        HostService sourceService = new HostService(source, service);
        int slot = (oldest + size) % starts.length;
        starts[slot] = startNanos;
        versions[slot] = ipVersion;
        srcHis[slot] = srcHi;
        srcLos[slot] = srcLo;
        dstHis[slot] = dstHi;
        dstLos[slot] = dstLo;
        services[slot] = service;
        size++;

        HostCounts from = hosts.computeIfAbsent(source, h -> new HostCounts());
        HostCounts to = hosts.computeIfAbsent(destination, h -> new HostCounts());
        from.flowsFrom++;
        to.flowsTo++;
        int[] pairCount = pairs.computeIfAbsent(pair, p -> new int[1]);
        if (pairCount[0]++ == 0) {
            from.destinations++;
            to.sources++;
        }
        int[] serviceCount = sourceServices.computeIfAbsent(sourceService, s -> new int[1]);
        if (serviceCount[0]++ == 0) {
            from.services++;
        }
        out[PAIR_FLOWS] = pairCount[0];
        out[SOURCE_FLOWS] = from.flowsFrom;
        out[SOURCE_HOSTS] = from.destinations;
        out[SOURCE_SERVICES] = from.services;
        out[DESTINATION_FLOWS] = to.flowsTo;
        out[DESTINATION_SOURCES] = to.sources;
    }

    /** Flows in the window now. */
    int size() {
        return size;
    }

    /** Hosts, pairs and services the window keeps counts for (all zero-count entries are dropped). */
    int entries() {
        return hosts.size() + pairs.size() + sourceServices.size();
    }

    private void removeOldest() {
        int o = oldest;
        Host source = new Host(versions[o], srcHis[o], srcLos[o]);
        Pair pair = new Pair(source, new Host(versions[o], dstHis[o], dstLos[o]));
        HostService sourceService = new HostService(source, services[o]);
        oldest = (oldest + 1) % starts.length;
        size--;

        HostCounts from = hosts.get(pair.source());
        HostCounts to = hosts.get(pair.destination());
        from.flowsFrom--;
        to.flowsTo--;
        int[] pairCount = pairs.get(pair);
        if (--pairCount[0] == 0) {
            pairs.remove(pair);
            from.destinations--;
            to.sources--;
        }
        int[] serviceCount = sourceServices.get(sourceService);
        if (--serviceCount[0] == 0) {
            sourceServices.remove(sourceService);
            from.services--;
        }
        if (from.unused()) {
            hosts.remove(pair.source());
        }
        if (to.unused()) {
            hosts.remove(pair.destination());
        }
    }
}
