package org.flowmeter.decode;

/**
 * Remembers the ports of first IP fragments so that later fragments of the same datagram can
 * join its flow. Fixed size, open addressing over parallel arrays: no allocation after
 * construction. When the few slots a key may use are all taken, the oldest entry is replaced;
 * entries older than {@link #TTL_NANOS} of packet time count as free.
 */
final class FragmentTable {
    static final int DEFAULT_CAPACITY = 4096;
    static final long TTL_NANOS = 30_000_000_000L;
    /** Slots probed per key: a short run keeps lookups cheap and bounds the table's memory. */
    private static final int PROBES = 8;

    private final int mask;
    private final long[] srcHi, srcLo, dstHi, dstLo, id, time;
    /** Protocol of the fragmented part as the IP header names it (part of the key). */
    private final int[] keyProtocol;
    /** Transport protocol and ports found in the first fragment (the value). */
    private final int[] protocol, srcPort, dstPort;
    private final boolean[] used;

    /** Result of the last successful {@link #find}: valid until the next call. */
    int foundProtocol, foundSrcPort, foundDstPort;

    FragmentTable(int capacity) {
        int size = PROBES;
        while (size < capacity && size < (1 << 24)) {
            size <<= 1;
        }
        mask = size - 1;
        srcHi = new long[size];
        srcLo = new long[size];
        dstHi = new long[size];
        dstLo = new long[size];
        id = new long[size];
        time = new long[size];
        keyProtocol = new int[size];
        protocol = new int[size];
        srcPort = new int[size];
        dstPort = new int[size];
        used = new boolean[size];
    }

    int capacity() {
        return mask + 1;
    }

    void remember(long sHi, long sLo, long dHi, long dLo, int keyProto, long ident, long now,
                  int proto, int sPort, int dPort) {
        int home = slot(sHi, sLo, dHi, dLo, keyProto, ident);
        int target = -1;
        long oldest = Long.MAX_VALUE;
        for (int p = 0; p < PROBES; p++) {
            int i = (home + p) & mask;
            if (!used[i] || expired(i, now) || matches(i, sHi, sLo, dHi, dLo, keyProto, ident)) {
                target = i;
                break;
            }
            if (time[i] < oldest) {
                oldest = time[i];
                target = i;
            }
        }
        used[target] = true;
        srcHi[target] = sHi;
        srcLo[target] = sLo;
        dstHi[target] = dHi;
        dstLo[target] = dLo;
        keyProtocol[target] = keyProto;
        id[target] = ident;
        time[target] = now;
        protocol[target] = proto;
        srcPort[target] = sPort;
        dstPort[target] = dPort;
    }

    /** Looks a later fragment up; on success fills the found* fields and refreshes the entry. */
    boolean find(long sHi, long sLo, long dHi, long dLo, int keyProto, long ident, long now) {
        int home = slot(sHi, sLo, dHi, dLo, keyProto, ident);
        for (int p = 0; p < PROBES; p++) {
            int i = (home + p) & mask;
            if (used[i] && matches(i, sHi, sLo, dHi, dLo, keyProto, ident)) {
                if (expired(i, now)) {
                    used[i] = false;
                    return false;
                }
                // A long train of fragments keeps its entry alive.
                time[i] = Math.max(time[i], now);
                foundProtocol = protocol[i];
                foundSrcPort = srcPort[i];
                foundDstPort = dstPort[i];
                return true;
            }
        }
        return false;
    }

    private boolean expired(int i, long now) {
        // Packet time may step backwards in merged captures; only a positive age can expire.
        return now - time[i] > TTL_NANOS;
    }

    private boolean matches(int i, long sHi, long sLo, long dHi, long dLo, int keyProto, long ident) {
        return id[i] == ident && srcLo[i] == sLo && dstLo[i] == dLo && srcHi[i] == sHi
                && dstHi[i] == dHi && keyProtocol[i] == keyProto;
    }

    private int slot(long sHi, long sLo, long dHi, long dLo, int keyProto, long ident) {
        long h = ident * 0x9E3779B97F4A7C15L;
        h = (h ^ sLo) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ dLo) * 0x9E3779B97F4A7C15L;
        h = (h ^ sHi ^ (dHi << 1) ^ keyProto) * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
