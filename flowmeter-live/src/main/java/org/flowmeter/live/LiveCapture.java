package org.flowmeter.live;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.RawPacket;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;

/**
 * Packets from a network interface. A capture thread runs libpcap's loop and hands packets over
 * through a bounded queue; when the queue is full the packet is dropped and counted, so a slow
 * consumer never stalls the kernel ring silently.
 *
 * <p>{@link #next(RawPacket)} blocks until a packet arrives; {@link #poll(RawPacket, long)} also
 * returns when nothing arrived for a while, so the caller can expire flows on wall-clock time.
 * Both report the end once {@link #stop()} was called and the queue is drained.
 */
public final class LiveCapture implements PacketSource {
    /** libpcap read timeout: how long the kernel may hold packets back to batch them. */
    static final int READ_TIMEOUT_MILLIS = 100;
    static final int DEFAULT_QUEUE_CAPACITY = 1 << 16;

    /** What {@link #poll} found. */
    public enum Poll { PACKET, IDLE, END }

    private record Captured(byte[] data, long timestampNanos, int originalLength) {
    }

    private final String interfaceName;
    private final PcapHandle handle;
    private final int linkType;
    private final BlockingQueue<Captured> queue;
    private final AtomicLong queueDropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopRequested;
    private volatile boolean captureEnded;
    private volatile Throwable captureError;
    private volatile KernelStats lastStats = KernelStats.NONE;
    private boolean closed;

    private LiveCapture(String interfaceName, PcapHandle handle, int queueCapacity) {
        this.interfaceName = interfaceName;
        this.handle = handle;
        this.linkType = handle.getDlt().value();
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::captureLoop, "flowmeter-capture-" + interfaceName);
        this.thread.setDaemon(true);
    }

    /**
     * Opens the interface in promiscuous mode and applies the BPF filter (null or blank: none).
     * Capture begins with {@link #start()}.
     */
    public static LiveCapture open(String interfaceName, int snaplen, String bpf) throws LiveCaptureException {
        return open(interfaceName, snaplen, bpf, DEFAULT_QUEUE_CAPACITY);
    }

    public static LiveCapture open(String interfaceName, int snaplen, String bpf, int queueCapacity)
            throws LiveCaptureException {
        try {
            PcapNetworkInterface device = find(interfaceName);
            PcapHandle handle = openHandle(device, snaplen);
            try {
                if (bpf != null && !bpf.isBlank()) {
                    handle.setFilter(bpf, BpfCompileMode.OPTIMIZE);
                }
                return new LiveCapture(interfaceName, handle, queueCapacity);
            } catch (PcapNativeException | NotOpenException e) {
                handle.close();
                throw new LiveCaptureException("bad --bpf filter '" + bpf + "': " + e.getMessage(), e);
            }
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw NativePcap.libpcapMissing(e);
        }
    }

    private static PcapNetworkInterface find(String name) throws LiveCaptureException {
        var all = NativePcap.allDevices();
        for (PcapNetworkInterface dev : all) {
            if (dev.getName().equals(name)) {
                return dev;
            }
        }
        String available = all.isEmpty() ? "none visible (no permission?)"
                : String.join(", ", all.stream().map(PcapNetworkInterface::getName).toList());
        throw new LiveCaptureException("no such interface: " + name + " (available: " + available + ")");
    }

    private static PcapHandle openHandle(PcapNetworkInterface device, int snaplen) throws LiveCaptureException {
        try {
            return device.openLive(snaplen, PromiscuousMode.PROMISCUOUS, READ_TIMEOUT_MILLIS);
        } catch (PcapNativeException e) {
            if (NativePcap.isPermissionProblem(e.getMessage())) {
                throw new LiveCaptureException("no permission to capture on " + device.getName()
                        + ": run as root or grant the capabilities cap_net_raw,cap_net_admin", e);
            }
            throw new LiveCaptureException("cannot open " + device.getName() + ": " + e.getMessage(), e);
        }
    }

    /** Starts the capture thread. */
    public void start() {
        thread.start();
    }

    private void captureLoop() {
        try {
            while (!stopRequested) {
                handle.loop(-1, this::enqueue);
            }
        } catch (InterruptedException broken) {
            // breakLoop from stop(): the normal way out.
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            if (!stopRequested) {
                captureError = e;
            }
        } finally {
            refreshStats();
            captureEnded = true;
        }
    }

    /** Runs on the capture thread for every packet; the timestamp and length belong to the current packet. */
    private void enqueue(byte[] data) {
        Timestamp ts = handle.getTimestamp();
        long nanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
        Integer original = handle.getOriginalLength();
        if (!queue.offer(new Captured(data, nanos, original == null ? data.length : original))) {
            queueDropped.incrementAndGet();
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for a packet.
     *
     * @return PACKET (filled in), IDLE (nothing arrived in time), or END (stopped and drained)
     * @throws LiveCaptureException when capture failed
     */
    public Poll poll(RawPacket packet, long timeoutMillis) throws IOException {
        Captured c = queue.poll();
        if (c == null) {
            if (captureEnded) {
                return end();
            }
            try {
                c = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                return Poll.IDLE;
            }
            if (c == null) {
                return captureEnded && queue.isEmpty() ? end() : Poll.IDLE;
            }
        }
        packet.set(c.data, 0, c.data.length, c.originalLength, c.timestampNanos, linkType, -1);
        return Poll.PACKET;
    }

    private Poll end() throws LiveCaptureException {
        Throwable e = captureError;
        if (e != null) {
            throw new LiveCaptureException("capture on " + interfaceName + " failed: " + e.getMessage(), e);
        }
        return Poll.END;
    }

    @Override
    public boolean next(RawPacket packet) throws IOException {
        while (true) {
            Poll p = poll(packet, READ_TIMEOUT_MILLIS);
            if (p != Poll.IDLE) {
                return p == Poll.PACKET;
            }
        }
    }

    /** Stops capturing; packets already queued are still delivered. Safe from any thread, e.g. a signal hook. */
    public void stop() {
        stopRequested = true;
        if (!captureEnded) {
            try {
                handle.breakLoop();
            } catch (NotOpenException alreadyClosed) {
                // Nothing left to break.
            }
        }
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /** Current counters (the last known ones after capture ended). */
    public KernelStats stats() {
        if (!captureEnded) {
            refreshStats();
        }
        return lastStats;
    }

    private void refreshStats() {
        try {
            PcapStat s = handle.getStats();
            lastStats = new KernelStats(s.getNumPacketsReceived(), s.getNumPacketsDropped(),
                    s.getNumPacketsDroppedByIf(), queueDropped.get());
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            lastStats = new KernelStats(lastStats.received(), lastStats.kernelDropped(),
                    lastStats.interfaceDropped(), queueDropped.get());
        }
    }

    /** The interface's link-layer type (DLT number). */
    public int linkType() {
        return linkType;
    }

    @Override
    public String name() {
        return interfaceName;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    public long totalBytes() {
        return -1;
    }

    /** Stops capture, waits for the capture thread and releases the handle. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        try {
            while (thread.isAlive() && System.nanoTime() < deadline) {
                thread.join(READ_TIMEOUT_MILLIS);
                stop(); // a break that raced with the loop's start is lost: repeat it
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            handle.close();
        }
    }
}
