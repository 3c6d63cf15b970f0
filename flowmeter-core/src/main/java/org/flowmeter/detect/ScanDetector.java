package org.flowmeter.detect;

import org.flowmeter.flow.Flow;

/**
 * Scanning, as Zeek's scan policy counts it: one source whose flows failed (no answer, or a TCP
 * connection that carried no data: refused, reset or a bare handshake) at many distinct hosts on
 * one service (horizontal: {@link DetectorConfig#scanHosts}) or at many distinct services of one
 * host (vertical: {@link DetectorConfig#scanPorts}) within the window. TCP, UDP and ICMP probes
 * all count; multicast and broadcast destinations do not. Counting hosts per service, as Zeek
 * does, leaves most peer-to-peer clients alone: they fail at many hosts, but each on its own port.
 * A client that keeps retrying the same few peers on one port (Gnutella, BitTorrent) is told
 * apart by its retries: a scan probes each target once or twice, so below {@link #CAP_FACTOR}
 * times the threshold of distinct targets the failed flows may be at most
 * {@link DetectorConfig#scanRetries} per target; beyond that many targets it is a scan anyway. A
 * horizontal scan covers the scanner's flows to that service in its span; a vertical one every
 * flow between the scanner and that host.
 */
public final class ScanDetector implements Detector {
    public static final String NAME = "scan";
    /** Distinct targets are counted exactly up to this many times the threshold. */
    static final int CAP_FACTOR = 4;
    private static final int FAILED = 0;

    private final int hostThreshold;
    private final int portThreshold;
    private final double retries;
    private final KeyTable hosts;
    private final SlotWindows hostWindows;
    private final KeyTable ports;
    private final SlotWindows portWindows;

    public ScanDetector(DetectorConfig config) {
        this.hostThreshold = config.scanHosts;
        this.portThreshold = config.scanPorts;
        this.retries = config.scanRetries;
        long window = config.scanWindow.toNanos();
        this.hosts = new KeyTable(config.tableSize);
        this.hostWindows = new SlotWindows(hosts.slots(), window, 1, CAP_FACTOR * config.scanHosts);
        this.ports = new KeyTable(config.tableSize);
        this.portWindows = new SlotWindows(ports.slots(), window, 1, CAP_FACTOR * config.scanPorts);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow flow, FlowFacts facts) {
        if (!facts.failed(flow.protocol) || AddressKinds.isGroup(flow.ipVersion, flow.dstHi, flow.dstLo)) {
            return;
        }
        long t = flow.firstNanos();
        long version = Keys.version(flow.ipVersion);
        long service = Keys.service(flow.ipVersion, flow.protocol, flow.dstPort);
        int h = hosts.findOrAdd(flow.srcHi, flow.srcLo, 0, 0, service, t);
        count(hosts, hostWindows, h, t, KeyTable.mix(flow.dstHi) ^ flow.dstLo, hostThreshold);
        int p = ports.findOrAdd(flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo, version, t);
        count(ports, portWindows, p, t, (long) flow.protocol << 16 | flow.dstPort, portThreshold);
    }

    private void count(KeyTable table, SlotWindows windows, int slot, long t, long value, int threshold) {
        if (table.fresh()) {
            windows.reset(slot);
        }
        windows.roll(slot, t);
        windows.mark(slot, value);
        windows.add(slot, FAILED, 1);
        windows.counted(slot, t);
        int targets = windows.distinct(slot);
        if (targets >= threshold && (targets >= windows.cap() || windows.sum(slot, FAILED) <= retries * targets)) {
            table.flag(slot, windows.firstStart(slot), t);
        } else if (table.flagged(slot) && t <= table.flaggedUntil(slot) + windows.window()) {
            table.flag(slot, t, t); // the scan goes on, more slowly
        }
    }

    @Override
    public boolean covers(Flow flow) {
        long t = flow.firstNanos();
        long version = Keys.version(flow.ipVersion);
        long service = Keys.service(flow.ipVersion, flow.protocol, flow.dstPort);
        return hosts.covers(hosts.find(flow.srcHi, flow.srcLo, 0, 0, service), t)
                || ports.covers(ports.find(flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo, version), t)
                || ports.covers(ports.find(flow.dstHi, flow.dstLo, flow.srcHi, flow.srcLo, version), t);
    }

    @Override
    public long evictions() {
        return hosts.evictions() + ports.evictions();
    }
}
