import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowmeter.engine.ModelSettings;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.feature.FeatureVector;
import org.flowmeter.flow.Flow;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.model.FlowModel;
import org.flowmeter.model.ModelFiles;
import org.flowmeter.pcap.RawPacket;

/**
 * CPU time per flow of reading the bundled model's input columns from a flow (what classify does
 * twice per flow: at the early scoring point and at the flow's end), measured as the thread's CPU
 * time over every flow of the first 200,000 packets of a capture (ended at its end), ROUNDS times after WARMUP
 * rounds; prints the median. Run with a flowmeter jar on the class path, as FeatureSetCpu:
 *
 *   java -cp flowmeter-cli/target/flowmeter.jar bench/ColumnReadCpu.java bench/out/big.pcap
 */
public class ColumnReadCpu {
    static final int WARMUP = 20;
    static final int ROUNDS = 30;

    public static void main(String[] args) throws Exception {
        RawPacket[] packets = load(args[0], 200_000);
        FlowModel model = ModelFiles.fromResourceAny(ModelSettings.DEFAULT_MODEL_RESOURCE);
        List<FeatureSet> sets = FeatureSets.computing(FeatureSets.parse("all"), model.featuresRead())
                .stream().map(FeatureSet::forNewMeter).toList();
        List<Flow> flows = new ArrayList<>();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), sets, flows::add);
        org.flowmeter.decode.PacketDecoder decoder = new org.flowmeter.decode.PacketDecoder();
        org.flowmeter.decode.DecodedPacket decoded = new org.flowmeter.decode.DecodedPacket();
        for (RawPacket raw : packets) {
            if (decoder.decode(raw, decoded) == null) {
                meter.add(decoded);
            }
        }
        meter.finish();
        FeatureVector vector = new FeatureVector(sets, Arrays.asList(model.features()), model.readsFeature());
        double[] out = new double[vector.size()];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] nanos = new long[ROUNDS];
        double sink = 0;
        for (int round = -WARMUP; round < ROUNDS; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (Flow flow : flows) {
                vector.fill(flow, out);
                sink += out[0];
            }
            long used = threads.getCurrentThreadCpuTime() - start;
            if (round >= 0) {
                nanos[round] = used;
            }
        }
        Arrays.sort(nanos);
        System.out.printf(java.util.Locale.ROOT, "RESULT read flows=%d columns_read=%d ns_per_flow=%.0f (min %.0f) sink=%s%n",
                flows.size(), countRead(model.readsFeature()), (double) nanos[ROUNDS / 2] / flows.size(),
                (double) nanos[0] / flows.size(), sink != 0);
    }

    static int countRead(boolean[] read) {
        int n = 0;
        for (boolean r : read) {
            n += r ? 1 : 0;
        }
        return n;
    }

    /** The capture's first {@code limit} packets. */
    static RawPacket[] load(String capture, int limit) throws Exception {
        List<RawPacket> packets = new ArrayList<>();
        try (org.flowmeter.pcap.PacketSource source = org.flowmeter.pcap.Captures.open(capture)) {
            RawPacket p = new RawPacket();
            while (packets.size() < limit && source.next(p)) {
                RawPacket copy = new RawPacket();
                byte[] data = Arrays.copyOfRange(p.data, p.offset, p.offset + p.capturedLength);
                copy.set(data, 0, data.length, p.originalLength, p.timestampNanos, p.linkType, 0);
                packets.add(copy);
            }
        }
        return packets.toArray(new RawPacket[0]);
    }
}
