package org.flowmeter.output;

import java.security.MessageDigest;
import org.flowmeter.flow.Flow;

/**
 * A flow id that is the same in every run over the same capture (the {@code flowId} of a
 * verdict file counts flows and restarts at 0 each run): the first 53 bits of the SHA-1 of the
 * protocol, both endpoints in a fixed order and the flow's first packet time, and of its VLAN
 * ids when it has any (so untagged flows keep the ids they had before VLANs counted). 53 bits keep
 * it exact in JSON consumers that read numbers as doubles.
 */
public final class FlowUid {
    private static final long MASK = (1L << 53) - 1;

    private FlowUid() {
    }

    public static long of(Flow flow) {
        int order = CommunityId.compareAddresses(flow.ipVersion, flow.srcHi, flow.srcLo, flow.dstHi, flow.dstLo);
        boolean swap = order > 0 || (order == 0 && flow.srcPort > flow.dstPort);
        byte[] in = new byte[2 + 2 * (16 + 2) + 8 + 4];
        int o = 0;
        in[o++] = (byte) flow.ipVersion;
        in[o++] = (byte) flow.protocol;
        if (swap) {
            o = endpoint(in, o, flow.ipVersion, flow.dstHi, flow.dstLo, flow.dstPort);
            o = endpoint(in, o, flow.ipVersion, flow.srcHi, flow.srcLo, flow.srcPort);
        } else {
            o = endpoint(in, o, flow.ipVersion, flow.srcHi, flow.srcLo, flow.srcPort);
            o = endpoint(in, o, flow.ipVersion, flow.dstHi, flow.dstLo, flow.dstPort);
        }
        long start = flow.firstNanos();
        for (int shift = 56; shift >= 0; shift -= 8) {
            in[o++] = (byte) (start >>> shift);
        }
        if (flow.vlan != 0) { // the same connection on two VLANs is two flows
            for (int shift = 24; shift >= 0; shift -= 8) {
                in[o++] = (byte) (flow.vlan >>> shift);
            }
        }
        MessageDigest md = CommunityId.digest();
        md.reset();
        md.update(in, 0, o);
        byte[] h = md.digest();
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (h[i] & 0xff);
        }
        return v & MASK;
    }

    private static int endpoint(byte[] b, int o, int ipVersion, long hi, long lo, int port) {
        o = CommunityId.putAddress(b, o, ipVersion, hi, lo);
        b[o++] = (byte) (port >>> 8);
        b[o++] = (byte) port;
        return o;
    }
}
