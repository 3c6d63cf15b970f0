package org.flowmeter.live;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.RawPacket;
import org.pcap4j.core.PcapNetworkInterface;

/**
 * Packets from a network interface. A capture thread reads libpcap's packet ring with
 * {@code pcap_next_ex} (JNA direct mapping, see {@link Libpcap}) and copies each packet into a
 * {@link PacketQueue}; when the queue is full the packet is dropped and counted, so a slow
 * consumer never stalls the kernel ring silently. Immediate mode is off: the kernel hands over
 * packets in blocks, filled or after {@link #READ_TIMEOUT_MILLIS}.
 *
 * <p>{@link #next(RawPacket)} blocks until a packet arrives; {@link #poll(RawPacket, long)} also
 * returns when nothing arrived for a while, so the caller can expire flows on wall-clock time.
 * Both report the end once {@link #stop()} was called and the queue is drained. A packet's bytes
 * are valid until the next call.
 */
public final class LiveCapture implements PacketSource {
    /** libpcap read timeout: how long the kernel may hold packets back to batch them. */
    static final int READ_TIMEOUT_MILLIS = 100;
    /** Longest pause of a reader waiting for packets: bounds the delay a packet can wait. */
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** What {@link #poll} found. */
    public enum Poll { PACKET, IDLE, END }

    private final String interfaceName;
    private final Pointer pcap;
    private final int linkType;
    private final boolean nanosecondTimestamps;
    private final PacketQueue queue;
    private final AtomicLong queueDropped = new AtomicLong();
    private final Thread thread;
    private final Object handleLock = new Object();
    private volatile boolean stopRequested;
    private volatile boolean captureEnded;
    private volatile Throwable captureError;
    private volatile KernelStats lastStats = KernelStats.NONE;
    private boolean handleOpen = true;
    private boolean started;
    private boolean closed;

    // Kernel counters as libpcap gives them (32 bits, wrapping), extended to 64 bits.
    private final long[] rawCounters = new long[3];
    private final long[] counters = new long[3];
    private final Memory statBuffer = new Memory(Libpcap.PCAP_STAT_SIZE);

    private LiveCapture(String interfaceName, Pointer pcap, boolean nanosecondTimestamps, CaptureSettings settings) {
        this.interfaceName = interfaceName;
        this.pcap = pcap;
        this.linkType = Libpcap.pcap_datalink(pcap);
        this.nanosecondTimestamps = nanosecondTimestamps;
        this.queue = new PacketQueue(settings.queueArenaBytes(), CaptureSettings.QUEUE_SLOTS);
        this.thread = new Thread(this::captureLoop, "flowmeter-capture-" + interfaceName);
        this.thread.setDaemon(true);
    }

    /** Opens with the default kernel buffer and queue (see {@link CaptureSettings}). */
    public static LiveCapture open(String interfaceName, int snaplen, String bpf) throws LiveCaptureException {
        return open(interfaceName, CaptureSettings.withSnaplen(snaplen), bpf);
    }

    /**
     * Opens the interface in promiscuous mode and applies the BPF filter (null or blank: none).
     * Capture begins with {@link #start()}.
     */
    public static LiveCapture open(String interfaceName, CaptureSettings settings, String bpf)
            throws LiveCaptureException {
        try {
            find(interfaceName);
            Pointer pcap = create(interfaceName);
            try {
                boolean nanos = configure(pcap, settings);
                activate(pcap, interfaceName);
                if (bpf != null && !bpf.isBlank()) {
                    setFilter(pcap, bpf);
                }
                return new LiveCapture(interfaceName, pcap, nanos, settings);
            } catch (LiveCaptureException | RuntimeException e) {
                Libpcap.pcap_close(pcap);
                throw e;
            }
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw NativePcap.libpcapMissing(e);
        }
    }

    private static void find(String name) throws LiveCaptureException {
        var all = NativePcap.allDevices();
        for (PcapNetworkInterface dev : all) {
            if (dev.getName().equals(name)) {
                return;
            }
        }
        String available = all.isEmpty() ? "none visible (no permission?)"
                : String.join(", ", all.stream().map(PcapNetworkInterface::getName).toList());
        throw new LiveCaptureException("no such interface: " + name + " (available: " + available + ")");
    }

    private static Pointer create(String name) throws LiveCaptureException {
        byte[] errbuf = new byte[Libpcap.ERRBUF_SIZE];
        Pointer pcap = Libpcap.pcap_create(name, errbuf);
        if (pcap == null) {
            throw new LiveCaptureException("cannot open " + name + ": " + Native.toString(errbuf, StandardCharsets.UTF_8.name()));
        }
        return pcap;
    }

    /** @return whether libpcap gives nanosecond timestamps (else microseconds) */
    private static boolean configure(Pointer pcap, CaptureSettings settings) {
        Libpcap.pcap_set_snaplen(pcap, settings.snaplen());
        Libpcap.pcap_set_promisc(pcap, 1);
        Libpcap.pcap_set_timeout(pcap, READ_TIMEOUT_MILLIS);
        Libpcap.pcap_set_buffer_size(pcap, (int) settings.bufferBytes());
        Libpcap.pcap_set_immediate_mode(pcap, 0);
        return Libpcap.pcap_set_tstamp_precision(pcap, Libpcap.TSTAMP_PRECISION_NANO) == 0;
    }

    private static void activate(Pointer pcap, String name) throws LiveCaptureException {
        int status = Libpcap.pcap_activate(pcap);
        if (status >= 0) {
            return; // 0, or a warning (e.g. promiscuous mode not supported): capture works
        }
        String detail = Libpcap.pcap_geterr(pcap);
        String reason = Libpcap.pcap_statustostr(status) + (detail == null || detail.isBlank() ? "" : " (" + detail + ")");
        if (status == Libpcap.ERROR_PERM_DENIED || NativePcap.isPermissionProblem(reason)) {
            throw new LiveCaptureException("no permission to capture on " + name
                    + ": run as root or grant the capabilities cap_net_raw,cap_net_admin");
        }
        throw new LiveCaptureException("cannot open " + name + ": " + reason);
    }

    private static void setFilter(Pointer pcap, String bpf) throws LiveCaptureException {
        Memory program = new Memory(Libpcap.BPF_PROGRAM_SIZE);
        program.clear();
        if (Libpcap.pcap_compile(pcap, program, bpf, 1, Libpcap.NETMASK_UNKNOWN) != 0) {
            throw new LiveCaptureException("bad --bpf filter '" + bpf + "': " + Libpcap.pcap_geterr(pcap));
        }
        try {
            if (Libpcap.pcap_setfilter(pcap, program) != 0) {
                throw new LiveCaptureException("cannot apply --bpf filter '" + bpf + "': " + Libpcap.pcap_geterr(pcap));
            }
        } finally {
            Libpcap.pcap_freecode(program);
        }
    }

    /** Starts the capture thread. */
    public void start() {
        started = true;
        thread.start();
    }

    private void captureLoop() {
        try {
            readPackets();
        } catch (RuntimeException | Error e) {
            if (!stopRequested) {
                captureError = e;
            }
        } finally {
            refreshStats();
            captureEnded = true;
        }
    }

    /** The hot loop: one native call per packet plus two reads of native memory, no allocation. */
    private void readPackets() {
        int pointerSize = Native.POINTER_SIZE;
        int longSize = Native.LONG_SIZE;
        Memory out = new Memory(2L * pointerSize);
        Pointer headerOut = out.share(0, pointerSize);
        Pointer dataOut = out.share(pointerSize, pointerSize);
        byte[] addressBytes = new byte[2 * pointerSize];
        ByteBuffer addresses = ByteBuffer.wrap(addressBytes).order(ByteOrder.nativeOrder());
        // struct pcap_pkthdr: struct timeval (two C longs), caplen, len (32 bits each)
        int headerSize = 2 * longSize + 8;
        byte[] headerBytes = new byte[headerSize];
        ByteBuffer header = ByteBuffer.wrap(headerBytes).order(ByteOrder.nativeOrder());
        Pointer headerAt = new Pointer(0);
        Pointer dataAt = new Pointer(0);
        byte[] arena = queue.arena();
        long fractionScale = nanosecondTimestamps ? 1L : 1000L;
        while (!stopRequested) {
            int status = Libpcap.pcap_next_ex(pcap, headerOut, dataOut);
            if (status == 1) {
                out.read(0, addressBytes, 0, addressBytes.length);
                Pointer.nativeValue(headerAt, pointerSize == 8 ? addresses.getLong(0) : addresses.getInt(0) & 0xffffffffL);
                Pointer.nativeValue(dataAt, pointerSize == 8 ? addresses.getLong(8) : addresses.getInt(4) & 0xffffffffL);
                headerAt.read(0, headerBytes, 0, headerSize);
                long seconds = longSize == 8 ? header.getLong(0) : header.getInt(0);
                long fraction = longSize == 8 ? header.getLong(8) : header.getInt(4);
                int captured = header.getInt(2 * longSize);
                int original = header.getInt(2 * longSize + 4);
                int at = queue.reserve(captured);
                if (at < 0) {
                    queueDropped.incrementAndGet();
                } else {
                    dataAt.read(0, arena, at, captured);
                    queue.publish(captured, original, seconds * 1_000_000_000L + fraction * fractionScale);
                }
            } else if (status == Libpcap.ERROR_BREAK) {
                return;
            } else if (status < 0) {
                throw new IllegalStateException(Libpcap.pcap_geterr(pcap));
            }
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for a packet.
     *
     * @return PACKET (filled in), IDLE (nothing arrived in time), or END (stopped and drained)
     * @throws LiveCaptureException when capture failed
     */
    public Poll poll(RawPacket packet, long timeoutMillis) throws IOException {
        if (queue.take(packet, linkType)) {
            return Poll.PACKET;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long pause = 20_000;
        while (true) {
            boolean ended = captureEnded; // read first: a packet published before the end is still taken
            if (queue.take(packet, linkType)) {
                return Poll.PACKET;
            }
            if (ended || (stopRequested && !started)) {
                return end();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Poll.IDLE;
            }
            // The capture thread does not wake the reader (that would cost a system call per
            // packet); the reader looks again after a pause that grows while nothing comes.
            LockSupport.parkNanos(Math.min(pause, left));
            pause = Math.min(pause * 2, MAX_WAIT_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                stop();
                return Poll.IDLE;
            }
        }
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
        synchronized (handleLock) {
            if (handleOpen && !captureEnded) {
                Libpcap.pcap_breakloop(pcap);
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

    /**
     * Reads libpcap's counters: a getsockopt on Linux, which may run beside the capture thread's
     * read (libpcap's read path does not touch the counters); callers are serialized here.
     */
    private void refreshStats() {
        synchronized (handleLock) {
            if (handleOpen) {
                readCounters();
            }
        }
    }

    private void readCounters() {
        KernelStats before = lastStats;
        long received = before.received();
        long kernelDropped = before.kernelDropped();
        long interfaceDropped = before.interfaceDropped();
        try {
            if (Libpcap.pcap_stats(pcap, statBuffer) == 0) {
                for (int i = 0; i < 3; i++) {
                    long raw = statBuffer.getInt(4L * i) & 0xffffffffL;
                    counters[i] += (raw - rawCounters[i]) & 0xffffffffL;
                    rawCounters[i] = raw;
                }
                received = counters[0];
                kernelDropped = counters[1];
                interfaceDropped = counters[2];
            }
        } catch (RuntimeException e) {
            // Keep the last known counters.
        }
        lastStats = new KernelStats(received, kernelDropped, interfaceDropped, queueDropped.get());
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
            synchronized (handleLock) {
                readCounters();
                handleOpen = false;
                Libpcap.pcap_close(pcap);
            }
        }
    }
}
