package org.flowmeter.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.RawPacket;

/** What our own reader finds in a capture a command wrote (forwarded packets): to check it without the command. */
final class CapturePackets {
    private CapturePackets() {
    }

    static long packets(Path capture) throws IOException {
        return packetsAndBytes(capture)[0];
    }

    /** Packet count and wire bytes. */
    static long[] packetsAndBytes(Path capture) throws IOException {
        long[] totals = new long[2];
        try (PacketSource source = Captures.open(capture.toString())) {
            RawPacket p = new RawPacket();
            while (source.next(p)) {
                totals[0]++;
                totals[1] += p.originalLength;
            }
        }
        return totals;
    }
}
