package org.flowmeter.flow;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.decode.SkipReason;
import org.flowmeter.pcap.CaptureFormatException;
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
    /** Batches in flight between the reading and the flow thread. */
    static final int BATCHES = 8;
    /** How often the flow thread checks that the reading thread is still there while it waits. */
    private static final long READER_CHECK_MILLIS = 100;
    /** Marks the end of the input in the queue of full batches. */
    private static final DecodedBatch END = endMark();

    private volatile boolean stopRequested;
    private boolean parallel = true;
    private long packetsRead;
    private long firstPacketNanos = Long.MIN_VALUE;
    private long bytesRead;

    public FlowPipeline(PacketDecoder decoder, FlowMeter meter) {
        this.decoder = decoder;
        this.meter = meter;
    }

    /** Sees every packet read, after the meter has taken it. */
    @FunctionalInterface
    public interface PacketHook {
        /** @param flow the flow the packet was counted in; null when it was skipped (or its flow not sampled) */
        void after(RawPacket raw, Flow flow) throws IOException;
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
        if (hook == null && parallel) {
            runOnTwoThreads(source, progress);
            return;
        }
        try {
            runOnOneThread(source, progress);
        } catch (InternalError e) {
            throw shrank(source);
        }
    }

    private void runOnOneThread(PacketSource source, Progress progress) throws IOException {
        while (!stopRequested && source.next(raw)) {
            if (packetsRead++ == 0) {
                firstPacketNanos = raw.timestampNanos;
            }
            bytesRead += raw.originalLength;
            Flow flow = decoder.decode(raw, decoded) == null ? meter.add(decoded) : null;
            if (hook != null) {
                hook.after(raw, flow);
            }
            if (progress != null && (packetsRead & (PROGRESS_EVERY - 1)) == 0) {
                progress.update(source, packetsRead);
            }
        }
    }

    /**
     * Reading and decoding on one thread, flow updates on the calling thread: the two halves
     * of the work are of similar cost, so two cores nearly halve the time. Packet hooks need
     * the raw packet next to its flow, so with a hook the pipeline runs on one thread.
     */
    private void runOnTwoThreads(PacketSource source, Progress progress) throws IOException {
        BlockingQueue<DecodedBatch> free = new ArrayBlockingQueue<>(BATCHES);
        BlockingQueue<DecodedBatch> full = new ArrayBlockingQueue<>(BATCHES + 1);
        for (int i = 0; i < BATCHES; i++) {
            free.add(new DecodedBatch());
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> readInto(source, progress, free, full, failure), "packet-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                DecodedBatch batch = full.poll(READER_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (batch == null) {
                    // A reader that died without its end mark (an error thrown while handing over)
                    // must not leave this thread waiting forever.
                    if (!reader.isAlive() && full.isEmpty()) {
                        break;
                    }
                    continue;
                }
                if (batch.size == DecodedBatch.END) {
                    break;
                }
                DecodedPacket[] packets = batch.packets;
                int[] hashes = batch.hashes;
                for (int i = 0, n = batch.size; i < n; i++) {
                    meter.add(packets[i], hashes[i]);
                }
                // Never blocks: the free queue holds every batch there is.
                free.offer(batch);
            }
            reader.join();
        } catch (InterruptedException e) {
            stopRequested = true;
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + source.name(), e);
        }
        Throwable t = failure.get();
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof InternalError) {
            // The JVM's report of a fault in a memory-mapped read: the file lost pages under the reader.
            throw shrank(source);
        }
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IOException(t);
        }
    }

    private void readInto(PacketSource source, Progress progress, BlockingQueue<DecodedBatch> free,
                          BlockingQueue<DecodedBatch> full, AtomicReference<Throwable> failure) {
        DecodedBatch batch = null;
        try {
            batch = free.take();
            batch.size = 0;
            while (!stopRequested && source.next(raw)) {
                if (packetsRead++ == 0) {
                    firstPacketNanos = raw.timestampNanos;
                }
                bytesRead += raw.originalLength;
                DecodedPacket decodedPacket = batch.packets[batch.size];
                if (decoder.decode(raw, decodedPacket) == null) {
                    // The flow table's hash too: this thread has time to spare, the meter's has none.
                    batch.hashes[batch.size] = FlowIndex.hashOf(decodedPacket);
                    if (++batch.size == DecodedBatch.CAPACITY) {
                        // Let go of the batch before handing it over, so that an error thrown at any
                        // point cannot hand the same batch over twice.
                        DecodedBatch handed = batch;
                        batch = null;
                        full.put(handed);
                        batch = free.take();
                        batch.size = 0;
                    }
                }
                if (progress != null && (packetsRead & (PROGRESS_EVERY - 1)) == 0) {
                    progress.update(source, packetsRead);
                }
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        } finally {
            try {
                if (batch != null && batch.size > 0) {
                    full.put(batch);
                }
                full.put(END);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }
    }

    /**
     * The JVM reports a fault in a memory-mapped read as an InternalError ("a fault occurred in a
     * recent unsafe memory access"): the file lost pages under the reader. The readers turn the
     * faults they see into this message themselves; this catches one delivered elsewhere.
     */
    private CaptureFormatException shrank(PacketSource source) {
        return new CaptureFormatException(source.name(), raw.recordOffset, "the file shrank while being read");
    }

    private static DecodedBatch endMark() {
        DecodedBatch end = new DecodedBatch();
        end.size = DecodedBatch.END;
        return end;
    }

    /** Whether {@link #run} may use a second thread for reading and decoding (default true). */
    public void setParallel(boolean parallel) {
        this.parallel = parallel;
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

    /** Time of the first packet read, Long.MIN_VALUE before any. */
    public long firstPacketNanos() {
        return firstPacketNanos;
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

    public PacketDecoder decoder() {
        return decoder;
    }
}
