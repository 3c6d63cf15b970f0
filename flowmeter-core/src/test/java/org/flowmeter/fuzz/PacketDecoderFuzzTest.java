package org.flowmeter.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.decode.SkipReason;
import org.flowmeter.pcap.LinkType;
import org.flowmeter.pcap.RawPacket;

/**
 * Any frame on any link type the decoder knows: it decodes or names a skip reason, never throws,
 * and what it decodes is consistent. Input: one byte choosing the link type, two bytes of extra
 * wire length, then the frame.
 */
class PacketDecoderFuzzTest {
    private static final int[] LINK_TYPES = {LinkType.ETHERNET, LinkType.RAW, LinkType.LINUX_SLL,
        LinkType.LINUX_SLL2, LinkType.NULL, LinkType.LOOP, LinkType.IPV4, LinkType.IPV6};

    @FuzzTest(maxDuration = "60s")
    void decodesAnyFrameOrSaysWhyNot(byte[] input) {
        if (input.length < 3) {
            return;
        }
        RawPacket raw = new RawPacket();
        int linkType = LINK_TYPES[(input[0] & 0xFF) % LINK_TYPES.length];
        int extra = (input[1] & 0xFF) << 8 | (input[2] & 0xFF);
        raw.set(input, 3, input.length - 3, input.length - 3 + extra, 1_000_000_000L, linkType, 0);
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket out = new DecodedPacket();
        SkipReason reason = decoder.decode(raw, out);
        if (reason == null) {
            checkDecoded(out);
        }
    }

    static void checkDecoded(DecodedPacket p) {
        boolean ok = (p.ipVersion == 4 || p.ipVersion == 6)
                && p.protocol >= 0 && p.protocol <= 255
                && p.srcPort >= 0 && p.srcPort <= 0xFFFF && p.dstPort >= 0 && p.dstPort <= 0xFFFF
                && p.ipHeaderLength >= 0 && p.transportHeaderLength >= 0 && p.payloadLength >= 0
                && p.ipTotalLength >= p.ipHeaderLength && (p.tcpFlags & ~0xFF) == 0;
        if (!ok) {
            throw new AssertionError("inconsistent decoded packet: version " + p.ipVersion + ", protocol "
                    + p.protocol + ", ports " + p.srcPort + "/" + p.dstPort + ", header lengths "
                    + p.ipHeaderLength + "/" + p.transportHeaderLength + ", payload " + p.payloadLength
                    + ", total " + p.ipTotalLength);
        }
    }
}
