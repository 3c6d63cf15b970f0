import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.engine.ModelSettings;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.model.FlowModel;
import org.flowmeter.model.ModelFiles;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.RawPacket;

/**
 * CPU time per packet of decode, flow table and each feature set, measured as the thread's CPU
 * time (not wall time, which a machine loaded by other work makes meaningless), the sets run in
 * turn in one JVM, ROUNDS times after WARMUP rounds; prints the median per set and its cost over
 * the flow table alone. Run with a flowmeter jar on the class path:
 *
 *   java -Xms2g -Xmx2g -cp flowmeter-cli/target/flowmeter.jar bench/FeatureSetCpu.java fixtures/captures/bench_small.pcap
 *
 * A set named "read:SETS" is SETS told the columns the bundled model reads (FeatureSets.computing),
 * as classify runs them; "bare:SETS" is SETS each told that none of its columns is read (what every
 * flow keeps whatever is read: the least work a set can do).
 */
public class FeatureSetCpu {
    static final int PACKETS = 200_000;
    static final int WARMUP = 8;
    static final int ROUNDS = 15;
    static final String[] SETS = {"none", "deepfence", "cic", "context", "exchange", "rtt", "load",
        "deepfence,cic,context,exchange", "deepfence,cic,context,exchange,rtt,load",
        "read:deepfence", "read:cic", "read:deepfence,cic,context,exchange,rtt,load", "bare:deepfence", "bare:cic"};

    public static void main(String[] args) throws Exception {
        RawPacket[] packets = load(args[0]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[][] nanos = new long[SETS.length][ROUNDS];
        for (int round = -WARMUP; round < ROUNDS; round++) {
            for (int s = 0; s < SETS.length; s++) {
                List<FeatureSet> sets = sets(SETS[s]);
                long start = threads.getCurrentThreadCpuTime();
                meterAll(packets, sets);
                long used = threads.getCurrentThreadCpuTime() - start;
                if (round >= 0) {
                    nanos[s][round] = used;
                }
            }
        }
        double none = median(nanos[0]) / PACKETS;
        for (int s = 0; s < SETS.length; s++) {
            double perPacket = median(nanos[s]) / PACKETS;
            System.out.printf(java.util.Locale.ROOT, "RESULT cpu sets=%s ns_per_packet=%.1f packets_per_cpu_s=%.0f over_flow_table_ns=%.1f%n",
                    SETS[s], perPacket, 1e9 / perPacket, perPacket - none);
        }
    }

    static List<FeatureSet> sets(String spec) throws java.io.IOException {
        if (spec.equals("none")) {
            return List.of();
        }
        if (spec.startsWith("read:")) {
            FlowModel model = ModelFiles.fromResourceAny(ModelSettings.DEFAULT_MODEL_RESOURCE);
            return FeatureSets.computing(FeatureSets.parse(spec.substring("read:".length())), model.featuresRead());
        }
        if (spec.startsWith("bare:")) {
            return FeatureSets.parse(spec.substring("bare:".length())).stream().map(s -> s.computing(List.of())).toList();
        }
        return FeatureSets.parse(spec);
    }

    static double median(long[] xs) {
        long[] c = xs.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    static long meterAll(RawPacket[] packets, List<FeatureSet> sets) {
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket decoded = new DecodedPacket();
        long[] ended = {0};
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), sets, f -> ended[0]++);
        for (RawPacket raw : packets) {
            if (decoder.decode(raw, decoded) == null) {
                meter.add(decoded);
            }
        }
        meter.finish();
        return ended[0];
    }

    /** The capture's first PACKETS packets, repeated (times shifted on) until there are PACKETS of them. */
    static RawPacket[] load(String capture) throws Exception {
        List<RawPacket> once = new ArrayList<>();
        try (PacketSource source = Captures.open(capture)) {
            RawPacket p = new RawPacket();
            while (once.size() < PACKETS && source.next(p)) {
                RawPacket copy = new RawPacket();
                byte[] data = Arrays.copyOfRange(p.data, p.offset, p.offset + p.capturedLength);
                copy.set(data, 0, data.length, p.originalLength, p.timestampNanos, p.linkType, 0);
                once.add(copy);
            }
        }
        long span = once.get(once.size() - 1).timestampNanos - once.get(0).timestampNanos + 1_000_000_000L;
        RawPacket[] all = new RawPacket[PACKETS];
        for (int i = 0; i < PACKETS; i++) {
            RawPacket from = once.get(i % once.size());
            long shift = (long) (i / once.size()) * span;
            RawPacket p = new RawPacket();
            p.set(from.data, 0, from.capturedLength, from.originalLength, from.timestampNanos + shift, from.linkType, 0);
            all[i] = p;
        }
        return all;
    }
}
