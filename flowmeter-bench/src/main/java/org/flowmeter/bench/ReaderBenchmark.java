package org.flowmeter.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.RawPacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reading a whole capture with {@link Captures#open(Path)} and counting its packets. After the
 * first iteration the file comes from the page cache, so this is the reader's own cost.
 * The score is files/s; the {@code packets} and {@code bytes} counters are per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class ReaderBenchmark {
    /** Capture file, relative to the repository root (or absolute). */
    @Param("fixtures/captures/bench_small.pcap")
    public String capture;

    private Path file;

    @Setup(Level.Trial)
    public void findFile() {
        file = CaptureFiles.resolve(capture);
    }

    @Benchmark
    public long readAll(ReadCounters counters) throws IOException {
        long packets = 0;
        long bytes = 0;
        RawPacket raw = new RawPacket();
        try (PacketSource source = Captures.open(file)) {
            while (source.next(raw)) {
                packets++;
                bytes += raw.capturedLength;
            }
        }
        counters.packets += packets;
        counters.bytes += bytes;
        return packets;
    }
}
