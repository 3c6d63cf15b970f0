package org.flowmeter.feature;

/**
 * The flows of one meter that started recently, counted per host, per host pair and per
 * service, so that a new flow can be seen in context: how many flows its source started, to how
 * many hosts and services, how many flows its destination received and from how many sources.
 *
 * <p>The window holds the flows started in the last {@code windowNanos} of packet time (up to
 * and including the newest start), and at most the last {@code capacity} of them, so memory is
 * bounded however fast flows start. Flows leave in the order they were seen, so after packet time
 * steps back (merged captures) a flow may stay until the flows seen before it have left. Cost is
 * a few lookups in primitive hash tables ({@link CounterTable}) per flow, none per packet, and no
 * object per flow, host, pair or service. The flows are held in primitive arrays that grow with
 * the window's flows (not allocated at the bound), about 48 bytes a flow.
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

    /* Per host: flows from and to it, distinct destinations, sources and services (an entry is dropped when both flow counts are zero). */
    private static final int FLOWS_FROM = 0;
    private static final int FLOWS_TO = 1;
    private static final int DESTINATIONS = 2;
    private static final int SOURCES = 3;
    private static final int SERVICES = 4;

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

    /* Keys (version, address) of hosts, (version, source, destination) of pairs, (version and service, source) of services. */
    private final CounterTable hosts = new CounterTable(5, 256);
    private final CounterTable pairs = new CounterTable(1, 256);
    private final CounterTable sourceServices = new CounterTable(1, 256);

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
        int slot = (oldest + size) % starts.length;
        starts[slot] = startNanos;
        versions[slot] = ipVersion;
        srcHis[slot] = srcHi;
        srcLos[slot] = srcLo;
        dstHis[slot] = dstHi;
        dstLos[slot] = dstLo;
        services[slot] = service;
        size++;

        int from = hosts.add(ipVersion, srcHi, srcLo, 0, 0);
        int to = hosts.add(ipVersion, dstHi, dstLo, 0, 0);
        hosts.addTo(from, FLOWS_FROM, 1);
        hosts.addTo(to, FLOWS_TO, 1);
        int pair = pairs.add(ipVersion, srcHi, srcLo, dstHi, dstLo);
        int pairFlows = pairs.addTo(pair, 0, 1);
        if (pairFlows == 1) {
            hosts.addTo(from, DESTINATIONS, 1);
            hosts.addTo(to, SOURCES, 1);
        }
        int sourceService = sourceServices.add(serviceKey(ipVersion, service), srcHi, srcLo, 0, 0);
        if (sourceServices.addTo(sourceService, 0, 1) == 1) {
            hosts.addTo(from, SERVICES, 1);
        }
        out[PAIR_FLOWS] = pairFlows;
        out[SOURCE_FLOWS] = hosts.counter(from, FLOWS_FROM);
        out[SOURCE_HOSTS] = hosts.counter(from, DESTINATIONS);
        out[SOURCE_SERVICES] = hosts.counter(from, SERVICES);
        out[DESTINATION_FLOWS] = hosts.counter(to, FLOWS_TO);
        out[DESTINATION_SOURCES] = hosts.counter(to, SOURCES);
    }

    private static long serviceKey(int ipVersion, int service) {
        return (long) ipVersion << 32 | (service & 0xFFFF_FFFFL);
    }

    /**
     * Heap bytes of a window of {@code capacity} flows at its worst case (every flow's hosts, pair
     * and service distinct): the ring of flows and the three tables.
     */
    static long worstCaseBytes(int capacity) {
        long ring = 5L * (16 + 8L * capacity) + 2L * (16 + 4L * capacity);
        return ring + CounterTable.bytesFor(2 * capacity, 5, 256) + 2 * CounterTable.bytesFor(capacity, 1, 256);
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
        int version = versions[o];
        long srcHi = srcHis[o];
        long srcLo = srcLos[o];
        long dstHi = dstHis[o];
        long dstLo = dstLos[o];
        int service = services[o];
        oldest = (oldest + 1) % starts.length;
        size--;

        int from = hosts.find(version, srcHi, srcLo, 0, 0);
        int to = hosts.find(version, dstHi, dstLo, 0, 0);
        hosts.addTo(from, FLOWS_FROM, -1);
        hosts.addTo(to, FLOWS_TO, -1);
        int pair = pairs.find(version, srcHi, srcLo, dstHi, dstLo);
        if (pairs.addTo(pair, 0, -1) == 0) {
            pairs.remove(pair);
            hosts.addTo(from, DESTINATIONS, -1);
            hosts.addTo(to, SOURCES, -1);
        }
        int sourceService = sourceServices.find(serviceKey(version, service), srcHi, srcLo, 0, 0);
        if (sourceServices.addTo(sourceService, 0, -1) == 0) {
            sourceServices.remove(sourceService);
            hosts.addTo(from, SERVICES, -1);
        }
        if (unused(from)) {
            hosts.remove(from);
        }
        if (to != from && unused(to)) {
            hosts.remove(to);
        }
    }

    private boolean unused(int host) {
        return hosts.counter(host, FLOWS_FROM) == 0 && hosts.counter(host, FLOWS_TO) == 0;
    }
}
