package org.flowmeter.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reads the shared captures next to the checkout when they are there; skipped otherwise. */
class RealCapturesTest {

    /** Tests run in the module folder; the shared data sits two or one levels above it. */
    private static Path sharedData() {
        Path module = Path.of("").toAbsolutePath();
        for (Path root : new Path[] {module.getParent().getParent(), module.getParent()}) {
            if (root != null && Files.isDirectory(root.resolve("shared/data"))) {
                return root.resolve("shared/data");
            }
        }
        return null;
    }

    private static Path sharedFile(String relative) {
        Path data = sharedData();
        Assumptions.assumeTrue(data != null && Files.isRegularFile(data.resolve(relative)),
                "shared capture " + relative + " not present");
        return data.resolve(relative);
    }

    /** Expected values from `capinfos -c -d FILE` (number of packets, data size = sum of wire lengths). */
    @ParameterizedTest
    @CsvSource({
            "traffic-lab/ab_php.pcap, 6240, 751715",
            "traffic-lab/mix_realistic.pcap, 31802, 29835309",
            "public/benign/ntop+nDPI/tests/cfgs/default/pcap/bt-http.pcapng, 14, 1492",
    })
    void countsMatchCapinfos(String relative, long packets, long dataSize) throws IOException {
        Path file = sharedFile(relative);
        long count = 0;
        long originalBytes = 0;
        try (PacketSource source = Captures.open(file.toString())) {
            RawPacket packet = new RawPacket();
            while (source.next(packet)) {
                count++;
                originalBytes += packet.originalLength;
            }
            assertThat(source.bytesRead()).isEqualTo(source.totalBytes());
        }
        assertThat(count).isEqualTo(packets);
        assertThat(originalBytes).isEqualTo(dataSize);
    }

    @Test
    void publicCapturesFailOnlyAsCaptureFormatException() throws IOException {
        Path data = sharedData();
        Assumptions.assumeTrue(data != null && Files.isDirectory(data.resolve("public")), "no public captures");
        List<Path> files = new ArrayList<>();
        for (String kind : List.of("benign", "malicious")) {
            Path folder = data.resolve("public").resolve(kind);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> walk = Files.walk(folder)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            }
        }
        Assumptions.assumeFalse(files.isEmpty(), "no public captures");
        RawPacket packet = new RawPacket();
        for (Path file : files) {
            Throwable thrown = catchThrowable(() -> {
                try (PacketSource source = Captures.open(file.toString())) {
                    while (source.next(packet)) {
                        assertThat(packet.capturedLength).isLessThanOrEqualTo(packet.originalLength);
                    }
                }
            });
            if (thrown != null && !(thrown instanceof CaptureFormatException)) {
                throw new AssertionError(file + " threw " + thrown, thrown);
            }
        }
    }
}
