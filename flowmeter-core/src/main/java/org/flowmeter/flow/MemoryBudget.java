package org.flowmeter.flow;

import java.util.List;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FlowFeatures;

/**
 * How a memory cap is shared out: first the state every meter holds whatever its flows (the
 * reading thread's packet batches, the feature sets' shared windows at their full size:
 * {@link FeatureSet#sharedStateBytes()}, and what the meter's listener holds: the detectors'
 * tables and the decision queue, {@link FlowListener#sharedStateBytes}), then three
 * quarters of the rest for flows in the table and a quarter for ended flows waiting to be written
 * in start order (shared with the detectors' hold where one runs: {@link #heldFlows}). Each flow costs {@link #bytesPerFlow}: the flow and the state of every feature
 * set after its first packet, counted by {@link ObjectSizes} (per-flow state is of fixed size),
 * plus its slots in the flow index and a verdict a consumer may attach.
 *
 * @param capBytes      the cap
 * @param sharedBytes   state held whatever the flows
 * @param bytesPerFlow  one flow, in the table or waiting
 * @param openFlows     flows the table may hold
 * @param waitingFlows  ended flows that may wait for an earlier flow to end
 * @param bytesPerReleasedFlow one ended flow that dropped its feature state ({@link Flow#releaseFeatureState()})
 */
public record MemoryBudget(long capBytes, long sharedBytes, long bytesPerFlow, int openFlows, int waitingFlows,
                           long bytesPerReleasedFlow) {
    /** A cap that cannot hold the shared state and a few flows (a usage error: the message names the numbers). */
    public static final class TooSmall extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TooSmall(String message) {
            super(message);
        }
    }

    /**
     * Index slots per flow at most (the index is at most half full, and twice as large just after
     * it grew), each a reference and the flow's hash.
     */
    static final long INDEX_BYTES_PER_FLOW = 4L * (ObjectSizes.REFERENCE + Integer.BYTES);
    /** What a consumer attaches to a flow (a classifier's verdict: a few numbers). */
    static final long ATTACHMENT_BYTES = 48;
    /**
     * What a classifier keeps on an ended flow once it dropped the features: the slot's holder and
     * the verdict (24 + 48 bytes by a heap histogram; the detectors' counts are dropped too).
     */
    static final long RELEASED_ATTACHMENT_BYTES = 72;
    /** Never make flows wait in larger numbers than this (the start-order buffer's old fixed size). */
    static final int MAX_WAITING = StartOrder.DEFAULT_MAX_WAITING;

    /** The budget of a meter computing {@code sets} under {@code capBytes}. */
    public static MemoryBudget of(long capBytes, List<FeatureSet> sets) {
        return of(capBytes, sets, null);
    }

    /**
     * The budget of a meter computing {@code sets} under {@code capBytes} for {@code listener}
     * (null: none), whose own state ({@link FlowListener#sharedStateBytes}: the detectors' tables,
     * the decision queue) is counted with the shared state. Each set is taken as it is bounded
     * under the cap ({@link FeatureSet#within}).
     */
    public static MemoryBudget of(long capBytes, List<FeatureSet> sets, FlowListener listener) {
        List<FeatureSet> bounded = sets.stream().map(s -> s.within(capBytes)).toList();
        long perFlow = bytesPerFlow(bounded);
        long shared = sharedBytes(bounded) + (listener == null ? 0 : listener.sharedStateBytes(perFlow));
        long forFlows = Math.max(0, capBytes - shared);
        long open = forFlows / 4 * 3 / perFlow;
        long waiting = forFlows / 4 / perFlow;
        if (open < 1 || waiting < 1) {
            throw new TooSmall(String.format(java.util.Locale.ROOT,
                    "memory cap of %s is too small: these feature sets need %s for their shared state and %d bytes per flow",
                    mb(capBytes), mb(shared), perFlow));
        }
        return new MemoryBudget(capBytes, shared, perFlow, (int) Math.min(Integer.MAX_VALUE, open),
                (int) Math.min(MAX_WAITING, waiting), bytesPerReleasedFlow(sets));
    }

    /**
     * Ended flows that may wait when each drops its feature state before it waits (a classifier
     * whose rows show no features): the same quarter of the cap, at the size such a flow keeps.
     * At least {@link #waitingFlows()}.
     */
    public int waitingFlowsWithoutFeatureState() {
        long forWaiting = Math.max(0, capBytes - sharedBytes) / 4;
        return (int) Math.max(waitingFlows, Math.min(MAX_WAITING, forWaiting / bytesPerReleasedFlow));
    }

    /**
     * Ended flows the detectors' hold may keep for their window (its rows wait until a pattern
     * found later may still reach them): half of the quarter of the cap for ended flows, the
     * other half left to the start-order buffer behind the hold ({@link #waitingBesideHold}),
     * each flow at its full size or, with {@code released}, at the size it keeps once it dropped
     * its feature state.
     */
    public int heldFlows(boolean released) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, forEndedFlows() / 2 / endedFlowBytes(released)));
    }

    /** As {@link #heldFlows}, for a hold that keeps each flow in {@code bytesPerHeldFlow} (a compact form). */
    public int heldFlowsOf(long bytesPerHeldFlow) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, forEndedFlows() / 2 / bytesPerHeldFlow));
    }

    /** Ended flows that may wait for start order behind the detectors' hold (see {@link #heldFlows}). */
    public int waitingBesideHold(boolean released) {
        return (int) Math.max(1, Math.min(MAX_WAITING, forEndedFlows() / 2 / endedFlowBytes(released)));
    }

    private long forEndedFlows() {
        return Math.max(0, capBytes - sharedBytes) / 4;
    }

    private long endedFlowBytes(boolean released) {
        return released ? bytesPerReleasedFlow : bytesPerFlow;
    }

    /** The flow, its feature states after a first packet, its index slots and an attachment. */
    static long bytesPerFlow(List<FeatureSet> sets) {
        DecodedPacket syn = new DecodedPacket();
        syn.ipVersion = 4;
        syn.protocol = DecodedPacket.TCP;
        syn.tcpFlags = DecodedPacket.SYN;
        syn.srcLo = 0x0A000001L;
        syn.dstLo = 0x0A000002L;
        syn.srcPort = 40000;
        syn.dstPort = 80;
        syn.wireLength = 54;
        FlowFeatures[] state = new FlowFeatures[sets.size()];
        for (int i = 0; i < state.length; i++) {
            // A fresh instance: the sample flow must not enter the shared state of a meter in use.
            state[i] = sets.get(i).forNewMeter().newFlow();
            state[i].onFirstPacket(syn, true);
        }
        Flow flow = new Flow(0, 0, syn, true, state);
        return ObjectSizes.deepSize(flow) + INDEX_BYTES_PER_FLOW + ATTACHMENT_BYTES;
    }

    /** An ended flow after {@link Flow#releaseFeatureState()}, with its attachment (it has left the index). */
    static long bytesPerReleasedFlow(List<FeatureSet> sets) {
        DecodedPacket syn = new DecodedPacket();
        syn.ipVersion = 4;
        syn.protocol = DecodedPacket.TCP;
        Flow flow = new Flow(0, 0, syn, true, new FlowFeatures[sets.size()]);
        flow.releaseFeatureState();
        // the array of nulls it points to now is shared by every released flow
        long sharedArray = Flow.releasedStateShared(sets.size()) ? ObjectSizes.deepSize(flow.features) : 0;
        return ObjectSizes.deepSize(flow) - sharedArray + RELEASED_ATTACHMENT_BYTES;
    }

    /** Packet batches between the threads, and the sets' shared windows (host context, load) at their full size. */
    static long sharedBytes(List<FeatureSet> sets) {
        // A batch: itself, its arrays of packets and hashes, and its packets (all alike: one is
        // measured, not 2,048).
        long batch = ObjectSizes.align(ObjectSizes.HEADER + 2L * ObjectSizes.REFERENCE + 4)
                + ObjectSizes.align(ObjectSizes.ARRAY_HEADER + (long) DecodedBatch.CAPACITY * ObjectSizes.REFERENCE)
                + ObjectSizes.align(ObjectSizes.ARRAY_HEADER + (long) DecodedBatch.CAPACITY * Integer.BYTES)
                + DecodedBatch.CAPACITY * ObjectSizes.deepSize(new DecodedPacket());
        long shared = (FlowPipeline.BATCHES + 1) * batch;
        for (FeatureSet s : sets) {
            shared += s.sharedStateBytes();
        }
        return shared;
    }

    static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
