package org.flowmeter.flow;

import java.io.IOException;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.decode.SkipReason;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.RawPacket;

/**
 * Reads packets from a source, decodes them and feeds the flow meter, with no allocation per
 * packet. Can be stopped from another thread (Ctrl-C): the run then returns early and the
 * caller finishes the meter so no flow in memory is lost.
 */
public final class FlowPipeline {
    /** How often (in packets) progress is reported. */
    private static final int PROGRESS_EVERY = 1 << 16;

    private final PacketDecoder decoder;
    private final FlowMeter meter;
    private final RawPacket raw = new RawPacket();
    private final DecodedPacket decoded = new DecodedPacket();
    private volatile boolean stopRequested;
    private long packetsRead;
    private long bytesRead;

    public FlowPipeline(PacketDecoder decoder, FlowMeter meter) {
        this.decoder = decoder;
        this.meter = meter;
    }

    /** Sees every packet read, after the meter has taken it. */
    @FunctionalInterface
    public interface PacketHook {
        /** @param inFlow whether the packet was decoded and added to a flow (else it was skipped) */
        void after(RawPacket raw, boolean inFlow) throws IOException;
    }

    private PacketHook hook;

    /** Sets a hook called for every packet (forwarding, per-packet verdicts). */
    public void setPacketHook(PacketHook hook) {
        this.hook = hook;
    }

    /** Called every few thousand packets with the source's byte position. */
    @FunctionalInterface
    public interface Progress {
        void update(PacketSource source, long packetsRead);
    }

    /**
     * Runs until the source ends or {@link #requestStop()} is called. Does not finish the meter:
     * the caller does, after the last source.
     */
    public void run(PacketSource source, Progress progress) throws IOException {
        while (!stopRequested && source.next(raw)) {
            packetsRead++;
            bytesRead += raw.originalLength;
            boolean inFlow = decoder.decode(raw, decoded) == null;
            if (inFlow) {
                meter.add(decoded);
            }
            if (hook != null) {
                hook.after(raw, inFlow);
            }
            if (progress != null && (packetsRead & (PROGRESS_EVERY - 1)) == 0) {
                progress.update(source, packetsRead);
            }
        }
    }

    /** Asks a running {@link #run} to return after the current packet. */
    public void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /** The packet being processed (valid inside listener callbacks). */
    public RawPacket currentPacket() {
        return raw;
    }

    public long packetsRead() {
        return packetsRead;
    }

    /** Sum of the packets' wire lengths. */
    public long wireBytesRead() {
        return bytesRead;
    }

    public long decoded() {
        return decoder.decoded();
    }

    public long skipped(SkipReason reason) {
        return decoder.skipped(reason);
    }

    public FlowMeter meter() {
        return meter;
    }
}
