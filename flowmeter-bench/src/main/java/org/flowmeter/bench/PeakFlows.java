package org.flowmeter.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.feature.DeepfenceFeatures;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowListener;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.flow.StartOrder;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.RawPacket;

/**
 * Prints the most flows a capture keeps open at once (default flow settings), which is what the
 * flow table's memory follows, and the most ended flows that the CLI's start-order output holds
 * back at once behind a flow still open:
 * {@code java -cp benchmarks.jar org.flowmeter.bench.PeakFlows FILE...}
 */
public final class PeakFlows {
    private static final int SAMPLE_EVERY = 1 << 12;

    private PeakFlows() {
    }

    public static void main(String[] args) throws IOException {
        for (String file : args) {
            System.out.println(measure(CaptureFiles.resolve(file)));
        }
    }

    /** Reads the whole capture through the flow table, sampling its size every few thousand packets. */
    static String measure(Path capture) throws IOException {
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket decoded = new DecodedPacket();
        RawPacket raw = new RawPacket();
        FlowCounter ended = new FlowCounter();
        long[] released = new long[1];
        StartOrder order = new StartOrder(flow -> released[0]++, FlowConfig.DEFAULT_MAX_FLOWS);
        FlowListener listener = flow -> {
            ended.onFlowEnd(flow);
            order.onFlowEnd(flow);
        };
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(new DeepfenceFeatures()), listener);
        long packets = 0;
        int peak = 0;
        long peakHeldBack = 0;
        try (PacketSource source = Captures.open(capture)) {
            while (source.next(raw)) {
                packets++;
                if (decoder.decode(raw, decoded) == null) {
                    meter.add(decoded);
                }
                if (packets % SAMPLE_EVERY == 0) {
                    peak = Math.max(peak, meter.activeFlows());
                    peakHeldBack = Math.max(peakHeldBack, ended.flowsEnded - released[0]);
                }
            }
        }
        peak = Math.max(peak, meter.activeFlows());
        return capture + " packets=" + packets + " flows=" + meter.flowsStarted() + " peak_open_flows=" + peak
                + " peak_held_back_in_start_order=" + peakHeldBack;
    }
}
