package org.flowmeter.live;

/**
 * How an interface is opened.
 *
 * @param snaplen     bytes kept per packet
 * @param bufferBytes the kernel's capture buffer (libpcap's packet ring): what absorbs bursts
 *                    while the capture thread is descheduled
 * @param queueBytes  room for packet bytes between the capture thread and the reader
 */
public record CaptureSettings(int snaplen, long bufferBytes, long queueBytes) {
    /**
     * Snap length when only the features need the packets: Ethernet with two VLAN tags (22), IPv6
     * with room for extension headers or a tunnel's outer headers, and a TCP header with every
     * option (60). Lengths come from the IP header, so nothing the features read is lost.
     */
    public static final int HEADERS_SNAPLEN = 256;
    /** Snap length when packets are forwarded: whole packets (tcpdump's default). */
    public static final int FORWARD_SNAPLEN = 262144;
    /** 64 MiB: tcpdump's default is 2 MiB; more rides out a busy machine's scheduling gaps. */
    public static final long DEFAULT_BUFFER_BYTES = 64L << 20;
    public static final long DEFAULT_QUEUE_BYTES = 32L << 20;
    /** Packets the hand-off queue holds at most, whatever their size. */
    static final int QUEUE_SLOTS = 1 << 16;

    public CaptureSettings {
        if (snaplen < 1) {
            throw new IllegalArgumentException("snaplen must be positive: " + snaplen);
        }
        if (bufferBytes < 1 || bufferBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("capture buffer must be between 1 byte and 2 GiB: " + bufferBytes);
        }
        if (queueBytes < 1 || queueBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("queue must be between 1 byte and 2 GiB: " + queueBytes);
        }
    }

    public static CaptureSettings withSnaplen(int snaplen) {
        return new CaptureSettings(snaplen, DEFAULT_BUFFER_BYTES, DEFAULT_QUEUE_BYTES);
    }

    /**
     * The queue's arena: as asked, but no more than its slots can fill with packets of the
     * largest size (16 MiB at a snaplen of 256), and always room for a few of them.
     */
    int queueArenaBytes() {
        long useful = Math.min(queueBytes, (long) QUEUE_SLOTS * snaplen);
        return (int) Math.min(Integer.MAX_VALUE - 16, Math.max(useful, 4L * snaplen));
    }
}
