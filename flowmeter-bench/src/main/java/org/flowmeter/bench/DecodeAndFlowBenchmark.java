package org.flowmeter.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowmeter.feature.DeepfenceFeatures;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.pcap.RawPacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Packets/s of the in-memory work per packet, without reading the file: decode only; decode and
 * the flow table without feature sets; decode, flow table and the deepfence features.
 * Each invocation processes {@link #PACKETS} packets and finishes the flow table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class DecodeAndFlowBenchmark {
    public static final int PACKETS = 200_000;

    /** Capture file, relative to the repository root (or absolute). */
    @Param("fixtures/captures/bench_small.pcap")
    public String capture;

    private RawPacket[] packets;
    private final List<FeatureSet> noFeatures = List.of();
    private final List<FeatureSet> deepfence = List.of(new DeepfenceFeatures());

    @Setup(Level.Trial)
    public void loadPackets() throws IOException {
        packets = PacketCorpus.load(CaptureFiles.resolve(capture), PACKETS);
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long decode() {
        return PacketLoops.decodeAll(packets);
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long decodeAndFlow() {
        return PacketLoops.meterAll(packets, noFeatures);
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long decodeFlowAndDeepfence() {
        return PacketLoops.meterAll(packets, deepfence);
    }
}
