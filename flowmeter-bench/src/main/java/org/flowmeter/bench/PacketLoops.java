package org.flowmeter.bench;

import java.util.List;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.pcap.RawPacket;

/** The loops the benchmarks time, each starting from a fresh decoder (and flow table). */
final class PacketLoops {
    private PacketLoops() {
    }

    /** Decodes every packet; returns how many were flow packets. */
    static long decodeAll(RawPacket[] packets) {
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket decoded = new DecodedPacket();
        for (RawPacket raw : packets) {
            decoder.decode(raw, decoded);
        }
        return decoder.decoded();
    }

    /** Decodes every packet, feeds a flow table with {@code sets} and finishes it; returns the flows ended. */
    static long meterAll(RawPacket[] packets, List<FeatureSet> sets) {
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket decoded = new DecodedPacket();
        FlowCounter counter = new FlowCounter();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), sets, counter);
        for (RawPacket raw : packets) {
            if (decoder.decode(raw, decoded) == null) {
                meter.add(decoded);
            }
        }
        meter.finish();
        return counter.flowsEnded;
    }
}
