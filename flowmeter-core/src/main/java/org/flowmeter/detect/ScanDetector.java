package org.flowmeter.detect;

import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Flow;

/**
 * Scanning, as Zeek's scan policy counts it: one source whose flows failed (no answer, or a TCP
 * connection that carried no data: refused, reset, or a bare handshake the source aborted with a
 * reset; a bare handshake closed politely with a FIN is a service check, not a probe) at many distinct hosts on
 * one service (horizontal: {@link DetectorConfig#scanHosts}) or at many distinct services of one
 * host (vertical: {@link DetectorConfig#scanPorts}) within the window. TCP, UDP and ICMP probes
 * all count; multicast and broadcast destinations do not, nor neighbour discovery and MLD
 * ({@link NeighbourDiscovery}: a router resolving many addresses is no scanner). Counting hosts per service, as Zeek
 * does, leaves most peer-to-peer clients alone: they fail at many hosts, but each on its own port.
 * A client that keeps retrying the same few peers on one port (Gnutella, BitTorrent) is told
 * apart by its retries: a scan probes each target once or twice, so below {@link #CAP_FACTOR}
 * times the threshold of distinct targets the failed flows may be at most
 * {@link DetectorConfig#scanRetries} per target; beyond that many targets it is a scan anyway.
 * A client that sweeps one unprivileged port ({@link DetectorConfig#scanPeerMinPort} and up, not one
 * of the authentication, database and web ports of {@link DetectorConfig#guessPorts}) for peers (Gnutella's 6346, BitTorrent's 6881) is told apart by the peers that do answer: it
 * exchanges payload both ways with them on that very port, which a scan's probes (SYN, connect,
 * UDP, ICMP) never do. With {@link DetectorConfig#scanPeers} such hosts in the window around a
 * flow, the sweep does not cover it; the peers may come after the threshold is crossed, as they
 * are looked up when a flow's verdict is asked. A horizontal scan covers the scanner's flows to
 * that service in its span; a vertical one every flow between the scanner and that host.
 * A shorter vertical scan ({@link DetectorConfig#scanQuietPorts} services, fewer than
 * {@link DetectorConfig#scanPorts}: a few ports probed slowly) counts when the source and the host had
 * no flow at all that did not fail in the window around (a client that fails at a few services of
 * a host it uses, a closed port tried or a service down, also talks with it) and the host refused
 * at least one of the probes (checks of a host that is down go unanswered, all of them).
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
    private final int peerThreshold;
    private final int peerMinPort;
    private final java.util.Set<Integer> servicePorts;
    /** Per (source, service) of an unprivileged port: the distinct hosts it conversed with. */
    private final KeyTable peers;
    private final SlotWindows peerWindows;
    private final int quietThreshold;
    /** Per (source, host) slot of the vertical table: the span of a short scan, counted only without contact. */
    private final long[] quietFrom;
    private final long[] quietUntil;
    /** Per (source, host) slot: when the host last answered a failed flow (a refusal: the host is up). */
    private final long[] quietRefused;
    /** Per pair of hosts (either order): flows between them that did not fail. */
    private final KeyTable contacts;
    private final SlotWindows contactWindows;

    public ScanDetector(DetectorConfig config) {
        this.hostThreshold = config.scanHosts;
        this.portThreshold = config.scanPorts;
        this.retries = config.scanRetries;
        long window = config.scanWindow.toNanos();
        this.hosts = new KeyTable(config.tableSize);
        this.hostWindows = new SlotWindows(hosts.slots(), window, 1, CAP_FACTOR * config.scanHosts);
        this.ports = new KeyTable(config.tableSize);
        this.portWindows = new SlotWindows(ports.slots(), window, 1, CAP_FACTOR * config.scanPorts);
        this.peerThreshold = config.scanPeers;
        this.peerMinPort = config.scanPeerMinPort;
        this.servicePorts = config.guessPorts;
        this.peers = new KeyTable(config.tableSize);
        this.peerWindows = new SlotWindows(peers.slots(), window, 1, Math.max(1, config.scanPeers));
        this.quietThreshold = config.scanQuietPorts;
        this.quietFrom = new long[ports.slots()];
        this.quietUntil = new long[ports.slots()];
        this.quietRefused = new long[ports.slots()];
        this.contacts = new KeyTable(config.tableSize);
        this.contactWindows = new SlotWindows(contacts.slots(), window, 1, 1);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow flow, FlowFacts facts) {
        if (AddressKinds.isGroup(flow.ipVersion, flow.dstHi, flow.dstLo) || NeighbourDiscovery.isLinkControl(flow)) {
            return;
        }
        long t = flow.firstNanos();
        long service = Keys.service(flow.ipVersion, flow.protocol, flow.dstPort);
        if (quietThreshold > 0 && !facts.failed(flow.protocol) && carriesServices(flow.protocol)) {
            contact(flow, t); // an echo answered is no use of a service: nmap pings before it scans
        }
        if (facts.conversed() && mayBePeerPort(flow)) {
            int s = peers.findOrAdd(flow.srcHi, flow.srcLo, 0, 0, service, t);
            if (peers.fresh()) {
                peerWindows.reset(s);
            }
            peerWindows.roll(s, t);
            peerWindows.mark(s, KeyTable.mix(flow.dstHi) ^ flow.dstLo);
            peerWindows.counted(s, t);
            return;
        }
        if (!facts.failed(flow.protocol)) {
            return;
        }
        long version = Keys.version(flow.ipVersion);
        if (facts.closedPolitelyWithoutData(flow.protocol)) {
            // A service check, not a probe: it counts no target, but one made by a source already
            // scanning (XScan checks a few open ports politely) goes on with its scan.
            goesOn(hosts, hosts.find(flow.srcHi, flow.srcLo, 0, 0, service), hostWindows, t);
            goesOn(ports, ports.find(flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo, version), portWindows, t);
            return;
        }
        int h = hosts.findOrAdd(flow.srcHi, flow.srcLo, 0, 0, service, t);
        count(hosts, hostWindows, h, t, KeyTable.mix(flow.dstHi) ^ flow.dstLo, hostThreshold);
        int p = ports.findOrAdd(flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo, version, t);
        count(ports, portWindows, p, t, (long) flow.protocol << 16 | flow.dstPort, portThreshold);
        if (ports.fresh()) {
            quietFrom[p] = Long.MAX_VALUE;
            quietUntil[p] = Long.MIN_VALUE;
            quietRefused[p] = Long.MIN_VALUE;
        }
        if (!facts.unanswered()) {
            quietRefused[p] = t;
        }
        int services = portWindows.distinct(p);
        // A short scan needs a host that is up and refused at least one probe in the window: a
        // monitor whose checks of a host that is down all go unanswered is not scanning it.
        if (quietThreshold > 0 && services >= quietThreshold && portWindows.sum(p, FAILED) <= retries * services
                && quietRefused[p] >= portWindows.firstStart(p)) {
            quietFrom[p] = Math.min(quietFrom[p], portWindows.firstStart(p));
            quietUntil[p] = Math.max(quietUntil[p], t);
        }
    }

    private static boolean carriesServices(int protocol) {
        return protocol == DecodedPacket.TCP || protocol == DecodedPacket.UDP || protocol == DecodedPacket.SCTP;
    }

    /** Marks a flow that did not fail between two hosts, whichever started it. */
    private void contact(Flow flow, long t) {
        int c = contactSlot(flow, true, t);
        if (contacts.fresh()) {
            contactWindows.reset(c);
        }
        contactWindows.roll(c, t);
        contactWindows.mark(c, 1);
        contactWindows.counted(c, t);
    }

    private int contactSlot(Flow flow, boolean add, long t) {
        boolean srcFirst = flow.srcHi < flow.dstHi || flow.srcHi == flow.dstHi && flow.srcLo <= flow.dstLo;
        long aHi = srcFirst ? flow.srcHi : flow.dstHi;
        long aLo = srcFirst ? flow.srcLo : flow.dstLo;
        long bHi = srcFirst ? flow.dstHi : flow.srcHi;
        long bLo = srcFirst ? flow.dstLo : flow.srcLo;
        long version = Keys.version(flow.ipVersion);
        return add ? contacts.findOrAdd(aHi, aLo, bHi, bLo, version, t) : contacts.find(aHi, aLo, bHi, bLo, version);
    }

    /** A short vertical scan by either end of the flow at the other, with no contact between them around {@code t}. */
    private boolean quietScan(Flow flow, long version, long t) {
        if (quietThreshold <= 0) {
            return false;
        }
        int p = ports.find(flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo, version);
        int q = ports.find(flow.dstHi, flow.dstLo, flow.srcHi, flow.srcLo, version);
        if (!inQuietSpan(p, t) && !inQuietSpan(q, t)) {
            return false;
        }
        int c = contactSlot(flow, false, t);
        return c < 0 || contactWindows.distinctAround(c, t) == 0;
    }

    private boolean inQuietSpan(int slot, long t) {
        return slot >= 0 && quietFrom[slot] <= t && t <= quietUntil[slot];
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

    private static void goesOn(KeyTable table, int slot, SlotWindows windows, long t) {
        if (slot >= 0 && table.flagged(slot) && t <= table.flaggedUntil(slot) + windows.window()) {
            table.flag(slot, t, t);
        }
    }

    @Override
    public boolean covers(Flow flow) {
        long t = flow.firstNanos();
        long version = Keys.version(flow.ipVersion);
        long service = Keys.service(flow.ipVersion, flow.protocol, flow.dstPort);
        return hosts.covers(hosts.find(flow.srcHi, flow.srcLo, 0, 0, service), t) && !peerSweep(flow, service, t)
                || ports.covers(ports.find(flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo, version), t)
                || ports.covers(ports.find(flow.dstHi, flow.dstLo, flow.srcHi, flow.srcLo, version), t)
                || quietScan(flow, version, t);
    }

    /** Unprivileged, and not a port of the services attackers sweep for (logins, databases, web). */
    private boolean mayBePeerPort(Flow flow) {
        return flow.dstPort >= peerMinPort && !servicePorts.contains(flow.dstPort)
                && (flow.protocol == DecodedPacket.TCP || flow.protocol == DecodedPacket.UDP);
    }

    /** Whether the flow's source conversed with enough peers on the flow's service around its start. */
    private boolean peerSweep(Flow flow, long service, long t) {
        if (peerThreshold <= 0 || !mayBePeerPort(flow)) {
            return false;
        }
        int s = peers.find(flow.srcHi, flow.srcLo, 0, 0, service);
        return s >= 0 && peerWindows.distinctAround(s, t) >= peerThreshold;
    }

    @Override
    public long distinctValueBytes() {
        return hostWindows.valueSetsBytes() + portWindows.valueSetsBytes() + peerWindows.valueSetsBytes()
                + contactWindows.valueSetsBytes();
    }

    @Override
    public long evictions() {
        return hosts.evictions() + ports.evictions() + peers.evictions() + contacts.evictions();
    }
}
