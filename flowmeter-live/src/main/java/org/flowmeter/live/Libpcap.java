package org.flowmeter.live;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The libpcap calls of the capture loop, bound by JNA direct mapping: a native method per
 * function, no callback and no per-call reflection, so reading a packet with
 * {@code pcap_next_ex} costs one native call instead of pcap4j's callback and object per packet.
 * Loads the same library pcap4j does (property {@code org.pcap4j.core.pcapLibName}, else "pcap").
 */
final class Libpcap {
    static final int ERRBUF_SIZE = 256;
    static final int TSTAMP_PRECISION_NANO = 1;
    static final int NETMASK_UNKNOWN = 0xffffffff;
    /** pcap_activate: success with a warning (values above 0) or failure (below 0). */
    static final int ERROR_PERM_DENIED = -8;
    /** pcap_next_ex: broken by pcap_breakloop. */
    static final int ERROR_BREAK = -2;
    /** sizeof(struct bpf_program) and sizeof(struct pcap_stat), rounded up. */
    static final int BPF_PROGRAM_SIZE = 16;
    static final int PCAP_STAT_SIZE = 16;

    static {
        Native.register(NativeLibrary.getInstance(System.getProperty("org.pcap4j.core.pcapLibName", "pcap")));
    }

    private Libpcap() {
    }

    static native Pointer pcap_create(String source, byte[] errbuf);

    static native int pcap_set_snaplen(Pointer p, int snaplen);

    static native int pcap_set_promisc(Pointer p, int promisc);

    static native int pcap_set_timeout(Pointer p, int millis);

    static native int pcap_set_buffer_size(Pointer p, int bytes);

    static native int pcap_set_immediate_mode(Pointer p, int immediate);

    static native int pcap_set_tstamp_precision(Pointer p, int precision);

    static native int pcap_activate(Pointer p);

    static native String pcap_geterr(Pointer p);

    static native String pcap_statustostr(int error);

    static native int pcap_compile(Pointer p, Pointer program, String expression, int optimize, int netmask);

    static native int pcap_setfilter(Pointer p, Pointer program);

    static native void pcap_freecode(Pointer program);

    /** 1: a packet (header and data pointers stored at the two addresses), 0: timeout, below 0: error or break. */
    static native int pcap_next_ex(Pointer p, Pointer headerOut, Pointer dataOut);

    static native void pcap_breakloop(Pointer p);

    static native int pcap_stats(Pointer p, Pointer stats);

    static native int pcap_datalink(Pointer p);

    static native int pcap_snapshot(Pointer p);

    static native void pcap_close(Pointer p);
}
