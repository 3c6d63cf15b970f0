import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowMeter;

/**
 * Heap and RSS of a flow meter holding N concurrent flows: N TCP connections (distinct source
 * address and port), each opened by a SYN, answered by a SYN/ACK and carrying a request and an
 * answer with payload, 1 us apart, so that all are open at the end; then a full GC, and the
 * heap in use and the process's resident set are read. Run with the flowmeter jar on the class
 * path, e.g.
 *
 *   java -Xmx6g -XX:+UseParallelGC -cp flowmeter-cli/target/flowmeter.jar bench/ConcurrentFlowsMemory.java 1000000 deepfence,cic,context,exchange
 *
 * A third argument keeps the process that many seconds after measuring, for a heap histogram.
 * Prints one RESULT line: flows, sets, heap MB after GC (and per million flows), RSS MB.
 */
public class ConcurrentFlowsMemory {
    public static void main(String[] args) throws Exception {
        int flows = Integer.parseInt(args[0]);
        String sets = args.length > 1 ? args[1] : "deepfence,cic,context,exchange";
        long before = heapAfterGc();
        long[] ended = {0};
        FlowMeter meter = new FlowMeter(FlowConfig.defaults().withMaxFlows(flows + 1), FeatureSets.parse(sets), f -> ended[0]++);
        DecodedPacket p = new DecodedPacket();
        long t = 1_700_000_000_000_000_000L;
        for (int i = 0; i < flows; i++) {
            long client = 0x0A000000L + i / 50_000; // 10.0.x.y: 50,000 ports per client address
            int port = 10_000 + i % 50_000;
            long server = 0xC0A80000L + i % 1_000;  // 1,000 servers
            packet(p, t, client, port, server, 80, DecodedPacket.SYN, 0);
            meter.add(p);
            packet(p, t + 100, server, 80, client, port, DecodedPacket.SYN | DecodedPacket.ACK, 0);
            meter.add(p);
            packet(p, t + 200, client, port, server, 80, DecodedPacket.PSH | DecodedPacket.ACK, 300);
            meter.add(p);
            packet(p, t + 300, server, 80, client, port, DecodedPacket.PSH | DecodedPacket.ACK, 1200);
            meter.add(p);
            t += 1_000;
        }
        long heap = heapAfterGc() - before;
        long rss = rssBytes();
        double perMillion = heap / 1048576.0 / (flows / 1e6);
        System.out.printf(java.util.Locale.ROOT,
                "RESULT flows=%d ended=%d sets=%s heap_mb=%.1f heap_mb_per_million=%.1f bytes_per_flow=%.0f rss_mb=%.1f%n",
                flows, ended[0], sets, heap / 1048576.0, perMillion, (double) heap / flows, rss / 1048576.0);
        if (args.length > 2) {
            Thread.sleep(Long.parseLong(args[2]) * 1000); // time for a heap histogram (jcmd PID GC.class_histogram)
        }
        meter.finish();
    }

    private static void packet(DecodedPacket p, long t, long src, int srcPort, long dst, int dstPort, int flags, int payload) {
        p.timestampNanos = t;
        p.ipVersion = 4;
        p.srcHi = 0;
        p.srcLo = src;
        p.dstHi = 0;
        p.dstLo = dst;
        p.protocol = DecodedPacket.TCP;
        p.srcPort = srcPort;
        p.dstPort = dstPort;
        p.tcpFlags = flags;
        p.tcpWindow = 64_240;
        p.ipHeaderLength = 20;
        p.transportHeaderLength = 20;
        p.payloadLength = payload;
        p.wireLength = 54 + payload;
        p.ipTotalLength = 40 + payload;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rssBytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
