package org.flowmeter.flow;

import java.util.List;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FlowFeatures;

/**
 * The flow table: groups decoded packets into bidirectional flows on packet time, ends them by
 * per-state idle timeouts (TCP SYN unanswered, TCP, UDP, ICMP), the active timeout, TCP teardown
 * (after a linger counted from the close), the flow cap and the memory cap, and feeds every
 * feature set. Memory is bounded by {@link MemoryBudget}. Not thread-safe: one meter per packet stream.
 */
public final class FlowMeter {
    private final FlowConfig config;
    private final FeatureSet[] sets;
    private final FlowListener listener;
    private final FlowIndex index = new FlowIndex();
    /** TCP flows opened by a SYN with no packet back yet: the short TCP new timeout. */
    private final RecencyList tcpNew = new RecencyList();
    /** Other open TCP flows, and flows of protocols without their own timeout: the idle timeout. */
    private final RecencyList open = new RecencyList();
    private final RecencyList udp = new RecencyList();
    private final RecencyList icmp = new RecencyList();
    /** Every list of open flows, and its idle timeout. */
    private final RecencyList[] openLists = {tcpNew, open, udp, icmp};
    private final long[] idleTimeouts;
    /** TCP flows past FIN/RST, kept for late packets during the linger time, in order of their close. */
    private final RecencyList closing = new RecencyList();
    private final MemoryBudget budget;
    /** Flows the table holds at most, and why: the flow cap or the memory cap. */
    private final int flowLimit;
    private final EndReason evictionReason;
    private final long[] endedByReason = new long[EndReason.values().length];
    /** The flows kept, or null for all. */
    private final FlowSample sample;

    private long clock = Long.MIN_VALUE;
    private long nextId;

    public FlowMeter(FlowConfig config, List<FeatureSet> sets, FlowListener listener) {
        this(config, sets, listener, null);
    }

    /** A meter that sees only the flows of {@code sample} (null: every flow). */
    public FlowMeter(FlowConfig config, List<FeatureSet> sets, FlowListener listener, FlowSample sample) {
        this.config = config;
        this.sets = sets.stream().map(s -> s.forNewMeter().within(config.memoryCapBytes())).toArray(FeatureSet[]::new);
        this.listener = listener;
        this.sample = sample;
        this.idleTimeouts = new long[] {config.tcpNewTimeoutNanos(), config.idleTimeoutNanos(),
            config.udpTimeoutNanos(), config.icmpTimeoutNanos()};
        this.budget = MemoryBudget.of(config.memoryCapBytes(), sets, listener);
        if (listener != null) {
            listener.budgeted(budget);
        }
        this.flowLimit = Math.min(config.maxFlows(), budget.openFlows());
        this.evictionReason = budget.openFlows() <= config.maxFlows() ? EndReason.MEMORY : EndReason.EVICTED;
    }

    /**
     * Adds one decoded packet (a flow packet: TCP, UDP, ICMP, ICMPv6) and returns the flow it was
     * counted in, or null when the sample leaves its flow out.
     */
    public Flow add(DecodedPacket p) {
        return add(p, FlowIndex.hashOf(p));
    }

    /** {@link #add(DecodedPacket)} with the packet's {@link FlowIndex#hashOf hash} computed already (on another thread). */
    Flow add(DecodedPacket p, int hash) {
        if (sample != null && !sample.keeps(hash)) {
            // Not even the clock moves: the meter sees a capture of only the sampled flows.
            return null;
        }
        advanceTo(p.timestampNanos);
        Flow flow = index.find(p, hash);
        if (flow != null) {
            boolean forward = index.lastDirection > 0;
            if (startsNewFlow(flow, p)) {
                Flow cutByActiveTimeout = flow.closed ? null : flow;
                end(flow, flow.closed ? flow.endReason : EndReason.ACTIVE);
                return start(p, hash, cutByActiveTimeout);
            }
            update(flow, p, forward);
            return flow;
        }
        return start(p, hash, null);
    }

    /**
     * A SYN on a finished TCP flow, or a packet past the active timeout, opens a new flow; so does
     * any packet after a flow ended by its first FIN (CICFlowMeter's teardown, when configured).
     */
    private boolean startsNewFlow(Flow flow, DecodedPacket p) {
        if (flow.closed) {
            if (config.endAtFirstFin() && flow.endReason == EndReason.FIN) {
                return true;
            }
            return (p.tcpFlags & (DecodedPacket.SYN | DecodedPacket.ACK)) == DecodedPacket.SYN;
        }
        return p.timestampNanos - flow.firstNanos > config.activeTimeoutNanos();
    }

    /** Opens a flow with {@code p}; {@code previous} is the flow it continues after an active timeout, or null. */
    private Flow start(DecodedPacket p, int hash, Flow previous) {
        if (index.size() >= flowLimit) {
            evictOne();
        }
        boolean forward = packetIsForward(p);
        FlowFeatures[] state = new FlowFeatures[sets.length];
        for (int i = 0; i < sets.length; i++) {
            state[i] = sets[i].newFlow();
        }
        Flow flow = new Flow(nextId++, hash, p, forward, state);
        for (int i = 0; i < state.length; i++) {
            state[i].onFirstPacket(p, forward);
            if (previous != null) {
                state[i].continueFrom(previous.features[i]);
            }
        }
        index.add(flow);
        openListOf(flow).addNewest(flow);
        count(flow, p, forward);
        return flow;
    }

    private RecencyList openListOf(Flow flow) {
        return switch (flow.protocol) {
            case DecodedPacket.TCP -> flow.openedBySyn ? tcpNew : open;
            case DecodedPacket.UDP -> udp;
            case DecodedPacket.ICMP, DecodedPacket.ICMPV6 -> icmp;
            default -> open;
        };
    }

    private boolean packetIsForward(DecodedPacket p) {
        AddressPredicate local = config.localNets();
        if (local == null) {
            return true;
        }
        boolean srcLocal = local.test(p.ipVersion, p.srcHi, p.srcLo);
        boolean dstLocal = local.test(p.ipVersion, p.dstHi, p.dstLo);
        return srcLocal || !dstLocal;
    }

    private void update(Flow flow, DecodedPacket p, boolean forward) {
        for (FlowFeatures f : flow.features) {
            f.onPacket(p, forward);
        }
        if (p.timestampNanos > flow.lastNanos) {
            flow.lastNanos = p.timestampNanos;
        }
        if (flow.list == tcpNew && forward != flow.firstPacketForward) {
            // Answered: the connection's idle timeout from now on.
            tcpNew.remove(flow);
            open.addNewest(flow);
        } else if (!flow.closed) {
            flow.list.touch(flow);
        }
        // A closed flow stays where its close put it: late packets do not extend the linger.
        count(flow, p, forward);
    }

    private void count(Flow flow, DecodedPacket p, boolean forward) {
        flow.packets++;
        flow.bytes += p.wireLength;
        if (forward) {
            flow.forwardPackets++;
            flow.forwardBytes += p.wireLength;
        }
        if (p.protocol == DecodedPacket.TCP && !flow.closed
                && flow.noteTcpFlags(p.tcpFlags, forward, config.endAtFirstFin())) {
            flow.closed = true;
            flow.closedNanos = clock;
            flow.list.remove(flow);
            closing.addNewest(flow);
        }
        listener.onPacket(flow, p, forward);
    }

    /**
     * Moves the clock to {@code nowNanos} (never backwards) and ends every flow idle for longer
     * than the timeout of its state, and every closed TCP flow whose linger time has passed since
     * its close. Live capture calls this on wall-clock time when traffic is quiet.
     */
    public void advanceTo(long nowNanos) {
        if (nowNanos <= clock) {
            return;
        }
        clock = nowNanos;
        Flow f;
        for (int i = 0; i < openLists.length; i++) {
            while ((f = openLists[i].oldest()) != null && clock - f.lastNanos > idleTimeouts[i]) {
                end(f, EndReason.IDLE);
            }
        }
        while ((f = closing.oldest()) != null && clock - f.closedNanos > config.tcpLingerNanos()) {
            end(f, f.endReason);
        }
    }

    /** At the cap: a closed flow lingering first (it has ended already), else the least recently seen. */
    private void evictOne() {
        Flow victim = closing.oldest();
        if (victim != null) {
            end(victim, victim.endReason);
            return;
        }
        end(leastRecentlySeen(), evictionReason);
    }

    /** The open flow whose last packet is oldest, over every list. */
    private Flow leastRecentlySeen() {
        Flow oldest = null;
        for (RecencyList list : openLists) {
            Flow f = list.oldest();
            if (f != null && (oldest == null || f.lastNanos < oldest.lastNanos)) {
                oldest = f;
            }
        }
        return oldest;
    }

    private void end(Flow flow, EndReason reason) {
        index.remove(flow);
        flow.list.remove(flow);
        flow.endReason = reason;
        for (FlowFeatures f : flow.features) {
            f.onExpire(flow.lastNanos);
        }
        endedByReason[reason.ordinal()]++;
        listener.onFlowEnd(flow);
    }

    /** Ends every flow still in the table (end of input, or capture stopped). */
    public void finish() {
        Flow f;
        while ((f = closing.oldest()) != null) {
            f.cutByEndOfInput = true;
            end(f, f.endReason);
        }
        while ((f = leastRecentlySeen()) != null) {
            f.cutByEndOfInput = true;
            end(f, EndReason.END_OF_INPUT);
        }
    }

    /** Flows currently in the table. */
    public int activeFlows() {
        return index.size();
    }

    /** Flows started so far. */
    public long flowsStarted() {
        return nextId;
    }

    public long flowsEnded(EndReason reason) {
        return endedByReason[reason.ordinal()];
    }

    /** How the memory cap is shared out (flows allowed in the table and waiting to be written). */
    public MemoryBudget memoryBudget() {
        return budget;
    }

    public List<FeatureSet> featureSets() {
        return List.of(sets);
    }
}
