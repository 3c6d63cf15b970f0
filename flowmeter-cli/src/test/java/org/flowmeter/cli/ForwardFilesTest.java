package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.cli.CapturePackets.packets;

import java.io.IOException;
import java.nio.file.Path;
import org.flowmeter.pcap.LinkType;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForwardFilesTest {
    @TempDir
    Path dir;

    @Test
    void rotatesOnceAFileExceedsTheSizeAndEveryFileReadsBack() throws IOException {
        RawPacket packet = new RawPacket();
        packet.set(new byte[100], 0, 100, 100, 1_000_000_000L, LinkType.ETHERNET, -1);
        // 24-byte file header + 10 records of 116 bytes = 1184 > 1000: a file holds 9 packets.
        try (ForwardFiles files = new ForwardFiles(dir, 1000)) {
            for (int i = 0; i < 20; i++) {
                files.write(packet);
            }
            assertThat(files.packets()).isEqualTo(20);
            assertThat(files.files()).extracting(p -> p.getFileName().toString())
                    .containsExactly("forward-00001.pcap", "forward-00002.pcap", "forward-00003.pcap");
        }
        assertThat(packets(dir.resolve("forward-00001.pcap"))).isEqualTo(9);
        assertThat(packets(dir.resolve("forward-00002.pcap"))).isEqualTo(9);
        assertThat(packets(dir.resolve("forward-00003.pcap"))).isEqualTo(2);
    }

    @Test
    void noPacketsNoFiles() throws IOException {
        try (ForwardFiles files = new ForwardFiles(dir.resolve("sub"), 1000)) {
            assertThat(files.files()).isEmpty();
        }
        assertThat(dir.resolve("sub")).isEmptyDirectory();
    }
}
