package org.flowmeter.flow;

import org.flowmeter.decode.DecodedPacket;

/**
 * Open-addressing hash index of the flows in the table (linear probing, backward-shift delete),
 * looked up straight from a decoded packet so that no key object is allocated per packet. Each
 * slot's hash is kept beside it in an int array, so that probing past other flows (and moving
 * them on delete) compares ints instead of reading each flow object, a cache miss apiece once the
 * table outgrows the cache.
 */
final class FlowIndex {
    private Flow[] slots = new Flow[1024];
    /** The hash of the flow in the same slot of {@link #slots}. */
    private int[] hashes = new int[1024];
    private int mask = slots.length - 1;
    private int size;

    /** Direction of the packet within the flow last returned by {@link #find}: +1 or -1. */
    int lastDirection;

    /** A hash that is the same for both directions of a flow. */
    static int hashOf(DecodedPacket p) {
        long a = endpoint(p.srcHi, p.srcLo, p.srcPort);
        long b = endpoint(p.dstHi, p.dstLo, p.dstPort);
        // The VLAN enters only when there is one, so untagged flows keep the hashes they always had.
        return (int) mix(a + b + p.protocol + ((long) p.vlan << 32));
    }

    private static long endpoint(long hi, long lo, int port) {
        return mix(hi * 0x9E3779B97F4A7C15L ^ lo) + mix(lo + port);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    Flow find(DecodedPacket p, int hash) {
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            Flow f = slots[i];
            if (f == null) {
                return null;
            }
            if (hashes[i] == hash) {
                int d = f.directionOf(p);
                if (d != 0) {
                    lastDirection = d;
                    return f;
                }
            }
        }
    }

    void add(Flow flow) {
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int i = flow.hash & mask;
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        slots[i] = flow;
        hashes[i] = flow.hash;
        size++;
    }

    void remove(Flow flow) {
        int i = flow.hash & mask;
        while (slots[i] != flow) {
            if (slots[i] == null) {
                throw new IllegalStateException("flow not in index");
            }
            i = (i + 1) & mask;
        }
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int hole = i;
        for (int j = (hole + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int home = hashes[j] & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                slots[hole] = slots[j];
                hashes[hole] = hashes[j];
                hole = j;
            }
        }
        slots[hole] = null;
        size--;
    }

    int size() {
        return size;
    }

    private void grow() {
        // Both arrays before either replaces its field: running out of memory here must leave the
        // index whole, since the flows in it are still ended and written after the error.
        Flow[] bigger = new Flow[slots.length * 2];
        int[] biggerHashes = new int[bigger.length];
        Flow[] old = slots;
        slots = bigger;
        hashes = biggerHashes;
        mask = slots.length - 1;
        size = 0;
        for (Flow f : old) {
            if (f != null) {
                add(f);
            }
        }
    }
}
