package org.flowmeter.live;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import org.flowmeter.filter.BpfProgram;

/**
 * Compiles a tcpdump filter expression with libpcap's own compiler ({@code pcap_compile} on a
 * dead handle of the capture's link type) into a {@link BpfProgram} that runs in Java.
 */
public final class BpfCompiler {
    /** libpcap's PCAP_NETMASK_UNKNOWN: "ip broadcast" cannot be used, everything else can. */
    private static final int NETMASK_UNKNOWN = 0xffffffff;
    private static final int SNAPLEN = 262144;
    private static final int INSTRUCTION_BYTES = 8;

    private BpfCompiler() {
    }

    /** The bpf_program struct libpcap fills in. */
    @Structure.FieldOrder({"bf_len", "bf_insns"})
    public static final class Program extends Structure {
        public int bf_len;
        public Pointer bf_insns;
    }

    /**
     * @throws IllegalArgumentException when libpcap refuses the expression (with its message)
     * @throws LiveCaptureException when libpcap cannot be loaded
     */
    public static BpfProgram compile(String expression, int linkType) throws LiveCaptureException {
        NativeLibrary pcap;
        try {
            pcap = NativeLibrary.getInstance(System.getProperty("org.pcap4j.core.pcapLibName", "pcap"));
        } catch (UnsatisfiedLinkError e) {
            throw NativePcap.libpcapMissing(e);
        }
        Pointer handle = (Pointer) pcap.getFunction("pcap_open_dead").invoke(Pointer.class, new Object[] {linkType, SNAPLEN});
        if (handle == null) {
            throw new IllegalArgumentException("libpcap cannot open a handle of link type " + linkType);
        }
        try {
            Program program = new Program();
            int rc = pcap.getFunction("pcap_compile").invokeInt(new Object[] {handle, program, expression, 1, NETMASK_UNKNOWN});
            if (rc != 0) {
                String error = (String) pcap.getFunction("pcap_geterr").invoke(String.class, new Object[] {handle});
                throw new IllegalArgumentException("filter '" + expression + "': " + error);
            }
            try {
                program.read();
                int n = program.bf_len;
                short[] code = new short[n];
                byte[] jt = new byte[n];
                byte[] jf = new byte[n];
                int[] k = new int[n];
                for (int i = 0; i < n; i++) {
                    long at = (long) i * INSTRUCTION_BYTES;
                    code[i] = program.bf_insns.getShort(at);
                    jt[i] = program.bf_insns.getByte(at + 2);
                    jf[i] = program.bf_insns.getByte(at + 3);
                    k[i] = program.bf_insns.getInt(at + 4);
                }
                return BpfProgram.fromInstructions(code, jt, jf, k);
            } finally {
                pcap.getFunction("pcap_freecode").invokeVoid(new Object[] {program});
            }
        } finally {
            pcap.getFunction("pcap_close").invokeVoid(new Object[] {handle});
        }
    }
}
