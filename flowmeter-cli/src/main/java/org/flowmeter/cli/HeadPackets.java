package org.flowmeter.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.flowmeter.flow.Flow;
import org.flowmeter.pcap.RawPacket;

/**
 * The first packets of live flows that have no verdict yet, kept so that a flow found malicious
 * later (at {@code --early-after} packets, or when it ends shorter than that: a scan's probes)
 * is forwarded from its first packet. Holds copies only until the verdict, and at most
 * {@code maxBytes} of them; packets beyond are not kept and counted.
 */
final class HeadPackets {
    private record Held(byte[] data, int originalLength, long timestampNanos, int linkType) {
    }

    private final long maxBytes;
    /** Keyed by the flow itself: looked up for every packet of a decided flow, so no boxed id. */
    private final Map<Flow, List<Held>> byFlow = new IdentityHashMap<>();
    private final RawPacket replay = new RawPacket();
    private long bytes;
    private long notKept;

    HeadPackets(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Keeps a copy of a packet of {@code flow}, which has no verdict yet. */
    void hold(Flow flow, RawPacket packet) {
        if (bytes + packet.capturedLength > maxBytes) {
            notKept++;
            return;
        }
        // A copy per packet, but only for the first packets of undecided flows, and bounded.
        byte[] copy = Arrays.copyOfRange(packet.data, packet.offset, packet.offset + packet.capturedLength);
        byFlow.computeIfAbsent(flow, f -> new ArrayList<>(4))
                .add(new Held(copy, packet.originalLength, packet.timestampNanos, packet.linkType));
        bytes += copy.length;
    }

    /** Writes the packets kept for {@code flow}, in capture order, and forgets them. */
    void forward(Flow flow, ForwardFiles out) throws IOException {
        List<Held> held = byFlow.remove(flow);
        if (held == null) {
            return;
        }
        for (Held h : held) {
            replay.set(h.data(), 0, h.data().length, h.originalLength(), h.timestampNanos(), h.linkType(), -1);
            out.write(replay);
            bytes -= h.data().length;
        }
    }

    /** Drops what is kept for {@code flow} (its verdict is benign). */
    void forget(Flow flow) {
        List<Held> held = byFlow.remove(flow);
        if (held != null) {
            for (Held h : held) {
                bytes -= h.data().length;
            }
        }
    }

    long bytesHeld() {
        return bytes;
    }

    long packetsNotKept() {
        return notKept;
    }
}
