package org.flowmeter.flow;

import java.util.ArrayList;
import java.util.List;
import org.flowmeter.decode.DecodedPacket;

/**
 * Joins the pieces of flows that capture-file boundaries cut apart, so that files processed
 * separately (in parallel) give the flows one pass over all of them in time order gives.
 *
 * <p>A flow still in the table at the end of its file is joined with the next segment of the
 * same 5-tuple when one pass would have put that segment's packets in it: an open flow when
 * the segment starts within the idle timeout of the flow's state (see {@link FlowLimits}) and
 * before the active timeout (otherwise it ends as idle or active there); a TCP flow past
 * FIN/RST when the segment starts within the linger time and not with a new SYN. One difference remains: an active timeout that falls inside
 * the later segment is applied at the file boundary instead of at the packet where one pass
 * would apply it.
 */
public final class FlowJoiner {
    private final FlowConfig config;

    public FlowJoiner(FlowConfig config) {
        this.config = config;
    }

    /**
     * @param segments flows of one 5-tuple, each from one file, sorted by first packet time
     * @return the joined flows, in the same order
     */
    public List<Flow> join(List<Flow> segments) {
        List<Flow> joined = new ArrayList<>();
        Flow current = null;
        for (Flow next : segments) {
            if (current == null) {
                current = next;
                continue;
            }
            if (current.cutByEndOfInput && continues(current, next)) {
                current.append(next);
                continue;
            }
            joined.add(current);
            current = next;
        }
        if (current != null) {
            joined.add(current);
        }
        return joined;
    }

    /** Decides whether {@code next} continues {@code current}; if not, fixes how current ended. */
    private boolean continues(Flow current, Flow next) {
        long gap = next.firstNanos - current.lastNanos;
        if (current.closed) {
            return gap <= config.tcpLingerNanos() && !next.openedBySyn;
        }
        if (gap > idleTimeoutOf(current)) {
            current.endReason = EndReason.IDLE;
            return false;
        }
        if (next.firstNanos - current.firstNanos > config.activeTimeoutNanos()) {
            current.endReason = EndReason.ACTIVE;
            return false;
        }
        return true;
    }

    /**
     * Ends a joined flow that no later segment continued the way one pass ends it: an open flow
     * whose last packet came more than the idle timeout before the last packet of all files ends
     * as idle there, not at the end of the input.
     *
     * @param inputEndNanos time of the last flow packet of all files (the latest flow end)
     */
    public void endAtInputEnd(Flow flow, long inputEndNanos) {
        if (flow.endReason == EndReason.END_OF_INPUT && inputEndNanos - flow.lastNanos > idleTimeoutOf(flow)) {
            flow.endReason = EndReason.IDLE;
        }
    }

    /** Whether a flow may continue in a later file: it was still in the table when its file ended. */
    public static boolean mayContinue(Flow flow) {
        return flow.cutByEndOfInput;
    }

    /**
     * Whether a flow may be the continuation of one from an earlier file: it started within the
     * longest idle timeout (of any state) or linger of its file's first packet.
     */
    public boolean mayBeContinuation(Flow flow, long fileStartNanos) {
        long longest = Math.max(Math.max(config.idleTimeoutNanos(), config.tcpLingerNanos()),
                Math.max(config.udpTimeoutNanos(), config.icmpTimeoutNanos()));
        return flow.firstNanos - fileStartNanos <= longest;
    }

    /**
     * The idle timeout the meter applies to an open flow in its state at its last packet: a TCP
     * flow opened by a SYN that got no answer, UDP and ICMP have their own.
     */
    private long idleTimeoutOf(Flow flow) {
        return switch (flow.protocol) {
            case DecodedPacket.TCP -> flow.openedBySyn && !answered(flow) ? config.tcpNewTimeoutNanos() : config.idleTimeoutNanos();
            case DecodedPacket.UDP -> config.udpTimeoutNanos();
            case DecodedPacket.ICMP, DecodedPacket.ICMPV6 -> config.icmpTimeoutNanos();
            default -> config.idleTimeoutNanos();
        };
    }

    /** Whether a packet went against the direction of the flow's first packet. */
    private static boolean answered(Flow flow) {
        return flow.firstPacketForward ? flow.forwardPackets < flow.packets : flow.forwardPackets > 0;
    }
}
