package org.flowmeter.filter;

/**
 * A compiled classic BPF filter (what libpcap's {@code pcap_compile} produces for a tcpdump
 * expression), run in Java on each packet: no native call and no allocation per packet.
 *
 * <p>Semantics follow libpcap's {@code bpf_filter}: unsigned 32-bit arithmetic, a load past the
 * captured bytes rejects the packet, division by zero rejects it, shifts by 32 or more give 0.
 * A packet is accepted when the program returns a non-zero value (the snapshot length).
 */
public final class BpfProgram {
    // instruction classes
    private static final int LD = 0x00;
    private static final int LDX = 0x01;
    private static final int ST = 0x02;
    private static final int STX = 0x03;
    private static final int ALU = 0x04;
    private static final int JMP = 0x05;
    private static final int RET = 0x06;
    private static final int MISC = 0x07;
    // sizes
    private static final int W = 0x00;
    private static final int H = 0x08;
    private static final int B = 0x10;
    // modes
    private static final int IMM = 0x00;
    private static final int ABS = 0x20;
    private static final int IND = 0x40;
    private static final int MEM = 0x60;
    private static final int LEN = 0x80;
    private static final int MSH = 0xa0;
    private static final int SRC_X = 0x08;
    private static final int MEMWORDS = 16;

    private final short[] code;
    private final byte[] jt;
    private final byte[] jf;
    private final int[] k;
    private final int[] scratch = new int[MEMWORDS];

    /** The fields of each {@code struct bpf_insn}: opcode, jump offsets if true and if false, constant. */
    public static BpfProgram fromInstructions(short[] code, byte[] jt, byte[] jf, int[] k) {
        return new BpfProgram(code.clone(), jt.clone(), jf.clone(), k.clone());
    }

    private BpfProgram(short[] code, byte[] jt, byte[] jf, int[] k) {
        if (code.length == 0 || jt.length != code.length || jf.length != code.length || k.length != code.length) {
            throw new IllegalArgumentException("a BPF program needs at least one instruction and four arrays of one length");
        }
        this.code = code;
        this.jt = jt;
        this.jf = jf;
        this.k = k;
        validate();
    }

    public int length() {
        return code.length;
    }

    /** Jumps stay inside the program and it ends in a return, as libpcap's bpf_validate checks. */
    private void validate() {
        for (int pc = 0; pc < code.length; pc++) {
            int c = code[pc] & 0xffff;
            if ((c & 0x07) == JMP) {
                long last = (c & 0xf0) == 0x00 ? pc + 1L + (k[pc] & 0xffffffffL)
                        : pc + 1L + Math.max(jt[pc] & 0xff, jf[pc] & 0xff);
                if (last >= code.length) {
                    throw new IllegalArgumentException("BPF jump out of the program at instruction " + pc);
                }
            }
            if (((c & 0x07) == ST || (c & 0x07) == STX || ((c & 0x07) <= LDX && (c & 0xe0) == MEM))
                    && (k[pc] < 0 || k[pc] >= MEMWORDS)) {
                throw new IllegalArgumentException("BPF scratch memory index out of range at instruction " + pc);
            }
        }
        if (((code[code.length - 1] & 0xffff) & 0x07) != RET) {
            throw new IllegalArgumentException("a BPF program must end in a return");
        }
    }

    /**
     * Whether the packet passes: {@code p[offset, offset + captured)} are its captured bytes,
     * {@code wireLength} its length on the wire. Not thread-safe (one scratch memory).
     */
    public boolean matches(byte[] p, int offset, int captured, int wireLength) {
        int a = 0;
        int x = 0;
        int[] m = scratch;
        int pc = 0;
        while (true) {
            int c = code[pc] & 0xffff;
            int kk = k[pc];
            switch (c & 0x07) {
                case LD, LDX -> {
                    boolean toX = (c & 0x07) == LDX;
                    int v;
                    switch (c & 0xe0) {
                        case IMM -> v = kk;
                        case LEN -> v = wireLength;
                        case MEM -> v = m[kk];
                        case ABS, IND -> {
                            long at = (kk & 0xffffffffL) + ((c & 0xe0) == IND ? (x & 0xffffffffL) : 0);
                            int size = switch (c & 0x18) {
                                case W -> 4;
                                case H -> 2;
                                case B -> 1;
                                default -> -1;
                            };
                            if (size < 0 || at + size > captured) {
                                return false;
                            }
                            int i = offset + (int) at;
                            v = switch (size) {
                                case 4 -> (p[i] & 0xff) << 24 | (p[i + 1] & 0xff) << 16 | (p[i + 2] & 0xff) << 8 | (p[i + 3] & 0xff);
                                case 2 -> (p[i] & 0xff) << 8 | (p[i + 1] & 0xff);
                                default -> p[i] & 0xff;
                            };
                        }
                        case MSH -> {
                            if ((kk & 0xffffffffL) >= captured) {
                                return false;
                            }
                            v = (p[offset + kk] & 0x0f) << 2;
                        }
                        default -> {
                            return false;
                        }
                    }
                    if (toX) {
                        x = v;
                    } else {
                        a = v;
                    }
                    pc++;
                }
                case ST -> {
                    m[kk] = a;
                    pc++;
                }
                case STX -> {
                    m[kk] = x;
                    pc++;
                }
                case ALU -> {
                    int operand = (c & SRC_X) != 0 ? x : kk;
                    switch (c & 0xf0) {
                        case 0x00 -> a += operand;
                        case 0x10 -> a -= operand;
                        case 0x20 -> a *= operand;
                        case 0x30 -> {
                            if (operand == 0) {
                                return false;
                            }
                            a = Integer.divideUnsigned(a, operand);
                        }
                        case 0x90 -> {
                            if (operand == 0) {
                                return false;
                            }
                            a = Integer.remainderUnsigned(a, operand);
                        }
                        case 0x40 -> a |= operand;
                        case 0x50 -> a &= operand;
                        case 0xa0 -> a ^= operand;
                        case 0x60 -> a = Integer.compareUnsigned(operand, 32) < 0 ? a << operand : 0;
                        case 0x70 -> a = Integer.compareUnsigned(operand, 32) < 0 ? a >>> operand : 0;
                        case 0x80 -> a = -a;
                        default -> {
                            return false;
                        }
                    }
                    pc++;
                }
                case JMP -> {
                    int operand = (c & SRC_X) != 0 ? x : kk;
                    boolean taken;
                    switch (c & 0xf0) {
                        case 0x00 -> {
                            pc += 1 + kk;
                            continue;
                        }
                        case 0x10 -> taken = a == operand;
                        case 0x20 -> taken = Integer.compareUnsigned(a, operand) > 0;
                        case 0x30 -> taken = Integer.compareUnsigned(a, operand) >= 0;
                        case 0x40 -> taken = (a & operand) != 0;
                        default -> {
                            return false;
                        }
                    }
                    pc += 1 + ((taken ? jt[pc] : jf[pc]) & 0xff);
                }
                case RET -> {
                    int v = switch (c & 0x18) {
                        case 0x00 -> kk;
                        case 0x08 -> x;
                        default -> a;
                    };
                    return v != 0;
                }
                case MISC -> {
                    if ((c & 0xf8) == 0x00) {
                        x = a; // TAX
                    } else {
                        a = x; // TXA
                    }
                    pc++;
                }
                default -> {
                    return false;
                }
            }
        }
    }
}
