package org.flowmeter.detect;

import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Flow;

/**
 * Beaconing: one host connecting to one endpoint (host, protocol, port) again and again at a
 * steady period: at least {@link DetectorConfig#beaconRepeats} connections whose start intervals
 * have a coefficient of variation of at most {@link DetectorConfig#beaconSpread} and a mean of
 * at least {@link DetectorConfig#beaconMinInterval}. By default only endpoints outside private
 * and local ranges count, since monitoring inside a network polls just as regularly. UDP counts
 * only to DNS and QUIC ports (53, 443), where command channels hide among common traffic; other
 * UDP keep-alives (voice, games, peer-to-peer) are periodic by nature. Covers every flow of the
 * series to that endpoint.
 */
public final class BeaconDetector implements Detector {
    public static final String NAME = "beacon";

    private final int repeats;
    private final double spread;
    private final double minInterval;
    private final long maxInterval;
    private final boolean local;
    private final KeyTable endpoints;
    private final long[] lastStart;
    private final long[] seriesFirst;
    private final int[] intervals;
    private final double[] mean;
    private final double[] squares;

    public BeaconDetector(DetectorConfig config) {
        this.repeats = config.beaconRepeats;
        this.spread = config.beaconSpread;
        this.minInterval = config.beaconMinInterval.toNanos();
        this.maxInterval = config.beaconMaxInterval.toNanos();
        this.local = config.beaconLocal;
        this.endpoints = new KeyTable(config.tableSize);
        int slots = endpoints.slots();
        this.lastStart = new long[slots];
        this.seriesFirst = new long[slots];
        this.intervals = new int[slots];
        this.mean = new double[slots];
        this.squares = new double[slots];
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow flow, FlowFacts facts) {
        if ((flow.protocol == DecodedPacket.UDP && flow.dstPort != 53 && flow.dstPort != 443)
                || AddressKinds.isGroup(flow.ipVersion, flow.dstHi, flow.dstLo)
                || (!local && AddressKinds.isLocal(flow.ipVersion, flow.dstHi, flow.dstLo))) {
            return;
        }
        long t = flow.firstNanos();
        int s = endpoints.findOrAdd(flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo,
                Keys.service(flow.ipVersion, flow.protocol, flow.dstPort), t);
        if (endpoints.fresh()) {
            startSeries(s, t);
            return;
        }
        long gap = t - lastStart[s];
        if (gap <= 0) {
            return; // out of order or simultaneous: not an interval of a series
        }
        lastStart[s] = t;
        if (gap > maxInterval) {
            startSeries(s, t);
            return;
        }
        // Welford's running mean and sum of squared deviations.
        intervals[s]++;
        double delta = gap - mean[s];
        mean[s] += delta / intervals[s];
        squares[s] += delta * (gap - mean[s]);
        if (intervals[s] + 1 >= repeats && mean[s] >= minInterval
                && Math.sqrt(squares[s] / intervals[s]) / mean[s] <= spread) {
            endpoints.flag(s, seriesFirst[s], t);
        }
    }

    private void startSeries(int s, long t) {
        lastStart[s] = t;
        seriesFirst[s] = t;
        intervals[s] = 0;
        mean[s] = 0;
        squares[s] = 0;
    }

    @Override
    public boolean covers(Flow flow) {
        int slot = endpoints.find(flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo,
                Keys.service(flow.ipVersion, flow.protocol, flow.dstPort));
        return endpoints.covers(slot, flow.firstNanos());
    }

    @Override
    public long evictions() {
        return endpoints.evictions();
    }
}
