package org.flowmeter.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureSets;
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
 * Packets/s of decode, flow table and one combination of feature sets ("+"-separated, since JMH
 * splits parameters at commas; "none" for the flow table alone), so that each set's cost is read
 * against the flow table measured in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class FeatureSetBenchmark {
    public static final int PACKETS = 200_000;

    /** Capture file, relative to the repository root (or absolute). */
    @Param("fixtures/captures/bench_small.pcap")
    public String capture;

    @Param({"none", "deepfence", "cic", "context", "exchange", "rtt", "load",
            "deepfence+cic+context+exchange", "deepfence+cic+context+exchange+rtt+load"})
    public String sets;

    private RawPacket[] packets;
    private List<FeatureSet> featureSets;

    @Setup(Level.Trial)
    public void load() throws IOException {
        packets = PacketCorpus.load(CaptureFiles.resolve(capture), PACKETS);
        featureSets = sets.equals("none") ? List.of() : FeatureSets.parse(sets.replace('+', ','));
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long decodeFlowAndSets() {
        return PacketLoops.meterAll(packets, featureSets);
    }
}
