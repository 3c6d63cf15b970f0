package org.flowmeter.pcap;

/** Link-layer header type numbers (tcpdump.org LINKTYPE_* values) that the decoder understands. */
public final class LinkType {
    public static final int NULL = 0;          // BSD loopback, host-endian 4-byte family
    public static final int ETHERNET = 1;
    public static final int RAW_OPENBSD = 12;  // DLT_RAW on some systems
    public static final int RAW_BSDOS = 14;
    public static final int RAW = 101;         // raw IPv4/IPv6
    public static final int LOOP = 108;        // OpenBSD loopback, network-endian family
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }
}
