package org.flowmeter.spark;

import org.flowmeter.flow.Flow;

/** The canonical key (5-tuple and VLAN) of a flow: the same for both directions, so all segments meet. */
final class FlowKeys {
    private FlowKeys() {
    }

    static String of(Flow f) {
        boolean srcFirst = compareEndpoints(f.srcHi, f.srcLo, f.srcPort, f.dstHi, f.dstLo, f.dstPort) <= 0;
        StringBuilder sb = new StringBuilder(64).append(f.protocol).append('/').append(f.ipVersion);
        if (f.vlan != 0) {
            // The VLAN is part of the flow key: segments on different VLANs are different flows.
            sb.append("/vlan").append(f.vlan);
        }
        if (srcFirst) {
            endpoint(sb, f.srcHi, f.srcLo, f.srcPort);
            endpoint(sb, f.dstHi, f.dstLo, f.dstPort);
        } else {
            endpoint(sb, f.dstHi, f.dstLo, f.dstPort);
            endpoint(sb, f.srcHi, f.srcLo, f.srcPort);
        }
        return sb.toString();
    }

    private static int compareEndpoints(long hiA, long loA, int portA, long hiB, long loB, int portB) {
        int c = Long.compareUnsigned(hiA, hiB);
        if (c == 0) {
            c = Long.compareUnsigned(loA, loB);
        }
        return c != 0 ? c : Integer.compare(portA, portB);
    }

    private static void endpoint(StringBuilder sb, long hi, long lo, int port) {
        sb.append(' ').append(Long.toHexString(hi)).append(':').append(Long.toHexString(lo)).append(':').append(port);
    }
}
