package org.flowmeter.live;

/**
 * libpcap's counters: packets the filter passed, packets the kernel dropped for lack of buffer
 * space, packets the interface dropped; and packets this process dropped because the consumer
 * fell behind (hand-off queue full).
 */
public record KernelStats(long received, long kernelDropped, long interfaceDropped, long queueDropped) {
    public static final KernelStats NONE = new KernelStats(0, 0, 0, 0);
}
