package org.flowmeter.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.feature.DeepfenceFeatures;
import org.flowmeter.pcap.CaptureFormatException;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading on a second thread must give exactly what one thread gives. */
class FlowPipelineTest {
    private static final Path FIXTURES = Path.of("").toAbsolutePath().getParent().resolve("fixtures/captures");

    @TempDir
    Path dir;

    private static List<String> flows(Path capture, boolean parallel) throws IOException {
        List<String> rows = new ArrayList<>();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(new DeepfenceFeatures()), f -> {
            double[] v = new double[39];
            f.features(0).values(v, 0);
            rows.add(f.id + " " + f.srcPort + " " + f.dstPort + " " + f.endReason() + " " + Arrays.toString(v));
        });
        FlowPipeline pipeline = new FlowPipeline(new PacketDecoder(), meter);
        pipeline.setParallel(parallel);
        try (PacketSource source = Captures.open(capture.toString())) {
            pipeline.run(source, null);
        } finally {
            meter.finish();
        }
        return rows;
    }

    @ParameterizedTest
    @ValueSource(strings = {"bench_small.pcap", "http_small.pcapng", "two_iface.pcapng", "udp_ping.pcap"})
    void twoThreadsGiveTheSameFlowsAsOne(String file) throws IOException {
        List<String> single = flows(FIXTURES.resolve(file), false);
        assertThat(single).isNotEmpty();
        assertThat(flows(FIXTURES.resolve(file), true)).isEqualTo(single);
    }

    @Test
    void aDamagedFileFailsAfterTheFlowsBeforeTheDamage() throws IOException {
        byte[] whole = Files.readAllBytes(FIXTURES.resolve("bench_small.pcap"));
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2 + 3));
        assertThatThrownBy(() -> flows(cut, true)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("cut.pcap: at byte");
    }

    /** Hands out a source's packets and calls {@code atRecord} just before the given one is read. */
    private static PacketSource interrupting(PacketSource source, int record, Runnable atRecord) {
        return new PacketSource() {
            private int read;

            @Override
            public boolean next(RawPacket packet) throws IOException {
                if (read++ == record) {
                    atRecord.run();
                }
                return source.next(packet);
            }

            @Override
            public String name() {
                return source.name();
            }

            @Override
            public long bytesRead() {
                return source.bytesRead();
            }

            @Override
            public long totalBytes() {
                return source.totalBytes();
            }

            @Override
            public void close() throws IOException {
                source.close();
            }
        };
    }

    /** A copy of a capture larger than the reader's buffer, which the test may then cut. */
    private Path copyOfBenchSmall() throws IOException {
        return Files.copy(FIXTURES.resolve("bench_small.pcap"), dir.resolve("ring.pcap"));
    }

    private static void run(PacketSource source) throws IOException {
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(new DeepfenceFeatures()), f -> { });
        try (source) {
            new FlowPipeline(new PacketDecoder(), meter).run(source, null);
        } finally {
            meter.finish();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFileTruncatedWhileReadEndsThePipelineWithOneClearLine() throws IOException {
        Path file = copyOfBenchSmall();
        PacketSource source = interrupting(Captures.open(file), 100, () -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(4096);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThatThrownBy(() -> run(source)).isInstanceOf(CaptureFormatException.class)
                .hasMessageMatching(java.util.regex.Pattern.quote(file.toString())
                        + ": at byte \\d+: the file shrank while being read");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anErrorInTheReaderThreadEndsThePipeline() throws IOException {
        Path file = copyOfBenchSmall();
        PacketSource source = interrupting(Captures.open(file), 2300, () -> {
            throw new InternalError("a fault occurred in a recent unsafe memory access operation");
        });
        assertThatThrownBy(() -> run(source)).isInstanceOf(CaptureFormatException.class)
                .hasMessageMatching(java.util.regex.Pattern.quote(file.toString())
                        + ": at byte \\d+: the file shrank while being read");
    }
}
