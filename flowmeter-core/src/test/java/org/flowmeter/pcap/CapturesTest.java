package org.flowmeter.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.flowmeter.pcap.Packets.Copy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapturesTest {
    @TempDir
    Path dir;

    private static byte[] pcap(int seed) {
        return PcapWriter.ethernet().packet(seed * 1_000_000L, PcapWriter.payload(50 + seed, seed)).bytes();
    }

    private static byte[] pcapNg(int seed) {
        return new PcapNgWriter().section(ByteOrder.BIG_ENDIAN).iface(LinkType.RAW, 0, 9, 0)
                .epb(0, seed, PcapWriter.payload(30 + seed, seed), 30 + seed).bytes();
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private static List<Long> timestamps(PacketSource source) throws IOException {
        return Packets.readAll(source).stream().map(Copy::timestampNanos).toList();
    }

    @Test
    void aFileOfSeveralMappedWindowsReadsEveryRecordWhole() throws IOException {
        // 20 MB of records of odd lengths: records straddle the 8 MB window boundaries.
        PcapWriter writer = PcapWriter.ethernet();
        int records = 0;
        long bytes = 24;
        while (bytes < 20L << 20) {
            int length = 1001 + records % 499;
            writer.packet(records * 1000L, PcapWriter.payload(length, records));
            bytes += 16 + length;
            records++;
        }
        Path file = write("long.pcap", writer.bytes());
        assertThat(Files.size(file)).isEqualTo(bytes);
        List<Copy> read = Packets.readAll(Captures.open(file.toString()));
        assertThat(read).hasSize(records);
        for (int i = 0; i < records; i++) {
            assertThat(read.get(i).timestampNanos()).isEqualTo(i * 1000L);
            assertThat(read.get(i).data()).isEqualTo(PcapWriter.payload(1001 + i % 499, i));
        }
    }

    @Test
    void detectsFormatByMagicNotByName() throws IOException {
        Path ng = write("looks-like.pcap", pcapNg(1));
        Path classic = write("looks-like.pcapng", pcap(2));
        assertThat(timestamps(Captures.open(ng.toString()))).containsExactly(1L);
        assertThat(timestamps(Captures.open(classic.toString()))).containsExactly(2_000_000L);
    }

    @Test
    void readsGzipCompressedCapturesAndReportsCompressedProgress() throws IOException {
        byte[] plain = PcapWriter.ethernet().packet(5, PcapWriter.payload(1000, 1)).packet(6, new byte[1000]).bytes();
        Path file = write("capture.bin", gzip(plain));
        try (PacketSource source = Captures.open(file.toString())) {
            assertThat(source.totalBytes()).isEqualTo(Files.size(file));
            RawPacket packet = new RawPacket();
            int count = 0;
            while (source.next(packet)) {
                count++;
            }
            assertThat(count).isEqualTo(2);
            assertThat(source.bytesRead()).isEqualTo(Files.size(file));
        }
        assertThat(timestamps(Captures.open(write("ng.gz", gzip(pcapNg(3))).toString()))).containsExactly(3L);
    }

    @Test
    void readsFromAStreamSuchAsStdin() throws IOException {
        byte[] bytes = pcapNg(4);
        try (PacketSource source = Captures.open(new ByteArrayInputStream(bytes), Captures.STDIN)) {
            assertThat(source.name()).isEqualTo("-");
            assertThat(source.totalBytes()).isEqualTo(-1);
            assertThat(timestamps(source)).containsExactly(4L);
            assertThat(source.bytesRead()).isEqualTo(bytes.length);
        }
    }

    @Test
    void rejectsEmptyAndUnknownFiles() throws IOException {
        Path empty = write("empty.pcap", new byte[0]);
        Path text = write("notes.pcap", "hello world".getBytes());
        Path emptyGzip = write("empty.gz", gzip(new byte[0]));
        assertThatThrownBy(() -> Captures.open(empty.toString()))
                .isInstanceOf(CaptureFormatException.class).hasMessage(empty + ": at byte 0: empty file");
        assertThatThrownBy(() -> Captures.open(text.toString()))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage(text + ": at byte 0: not a pcap or pcapng file (magic 0x68656c6c)");
        assertThatThrownBy(() -> Captures.open(emptyGzip.toString()))
                .isInstanceOf(CaptureFormatException.class).hasMessageContaining("empty file");
        assertThatThrownBy(() -> Captures.openAll(List.of(text.toString())))
                .isInstanceOf(CaptureFormatException.class);
    }

    @Test
    void rejectsCorruptGzip() throws IOException {
        byte[] compressed = gzip(pcap(1));
        Path cut = write("cut.gz", Arrays.copyOf(compressed, compressed.length - 12));
        assertThatThrownBy(() -> Packets.readAll(Captures.open(cut.toString())))
                .isInstanceOf(CaptureFormatException.class);
        Path badHeader = write("bad.gz", new byte[] {0x1f, (byte) 0x8b, 99, 0, 0, 0, 0, 0, 0, 0});
        assertThatThrownBy(() -> Captures.open(badHeader.toString()))
                .isInstanceOf(CaptureFormatException.class).hasMessageContaining("gzip");
    }

    @Test
    void folderIsReadRecursivelyInPathOrderSkippingOtherFiles() throws IOException {
        write("b/2.cap", pcap(2));
        write("a/z.pcapng", pcapNg(1));
        write("c.gz", gzip(pcap(3)));
        Path readme = write("a/readme.txt", "not a capture".getBytes());
        Path gzText = write("b/notes.gz", gzip("text".getBytes()));
        Path empty = write("d/empty.pcap", new byte[0]);

        SequenceSource source = Captures.openFolder(dir);
        assertThat(source.skippedFiles()).containsExactly(readme, gzText, empty);
        assertThat(source.size()).isEqualTo(3);
        assertThat(source.name()).isEqualTo(dir.resolve("a/z.pcapng").toString());
        long total = Files.size(dir.resolve("a/z.pcapng")) + Files.size(dir.resolve("b/2.cap"))
                + Files.size(dir.resolve("c.gz"));
        assertThat(source.totalBytes()).isEqualTo(total);
        assertThat(timestamps(source)).containsExactly(1L, 2_000_000L, 3_000_000L);
        assertThat(source.bytesRead()).isEqualTo(total);
        assertThat(timestamps(Captures.open(dir.toString()))).hasSize(3);
    }

    @Test
    void openAllConcatenatesInTheGivenOrder() throws IOException {
        Path first = write("x/first.pcap", pcap(7));
        write("folder/one.pcap", pcap(8));
        write("folder/two.pcapng", pcapNg(9));
        Path junk = write("folder/junk.bin", new byte[] {1, 2, 3, 4, 5});
        Path last = write("y/last.pcap", pcap(6));

        SequenceSource source = (SequenceSource) Captures.openAll(
                List.of(first.toString(), dir.resolve("folder").toString(), last.toString()));
        assertThat(source.skippedFiles()).containsExactly(junk);
        RawPacket packet = new RawPacket();
        List<String> names = new java.util.ArrayList<>();
        while (source.next(packet)) {
            names.add(Path.of(source.name()).getFileName().toString());
        }
        assertThat(names).containsExactly("first.pcap", "one.pcap", "two.pcapng", "last.pcap");
        assertThat(source.bytesRead()).isEqualTo(source.totalBytes());
        source.close();
    }

    @Test
    void readerConstructorsWorkOnFilesDirectly() throws IOException {
        Path classic = write("d.pcap", pcap(1));
        Path ng = write("d.pcapng", pcapNg(2));
        try (PcapReader reader = new PcapReader(classic)) {
            assertThat(reader.totalBytes()).isEqualTo(Files.size(classic));
            assertThat(timestamps(reader)).hasSize(1);
        }
        try (PcapNgReader reader = new PcapNgReader(ng)) {
            assertThat(timestamps(reader)).containsExactly(2L);
        }
        assertThatThrownBy(() -> new PcapReader(ng)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("not a pcap file");
        assertThatThrownBy(() -> new PcapNgReader(classic)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("not a pcapng file");
    }

    /** A capture whose second record is cut short: one packet, then damage at byte 24 + 16 + 51. */
    private static byte[] cutAfterOnePacket(int seed) {
        byte[] two = PcapWriter.ethernet().packet(seed * 1_000_000L, PcapWriter.payload(51, seed))
                .packet(seed * 1_000_000L + 1, PcapWriter.payload(40, seed)).bytes();
        return Arrays.copyOf(two, two.length - 5);
    }

    @Test
    void aDamagedFileInAFolderIsReportedAndTheNextOneRead() throws IOException {
        write("a.pcap", pcap(1));
        Path damaged = write("b.pcap", cutAfterOnePacket(2));
        write("c.pcap", pcap(3));
        SequenceSource source = Captures.openFolder(dir);
        List<String> reports = new java.util.ArrayList<>();
        source.continueAfterDamage(e -> reports.add(e.getMessage()));

        assertThat(timestamps(source)).containsExactly(1_000_000L, 2_000_000L, 3_000_000L);
        assertThat(reports).containsExactly(damaged + ": at byte 91: truncated record (35 of 40 data bytes)");
        assertThat(source.damaged()).extracting(CaptureFormatException::offset).containsExactly(91L);
    }

    @Test
    void withoutContinuingTheFirstDamageEndsTheSequence() throws IOException {
        write("a.pcap", pcap(1));
        write("b.pcap", cutAfterOnePacket(2));
        write("c.pcap", pcap(3));
        List<Copy> read = new java.util.ArrayList<>();
        assertThatThrownBy(() -> Packets.readAll(Captures.openFolder(dir), read))
                .isInstanceOf(CaptureFormatException.class).hasMessageContaining("b.pcap: at byte 91");
        assertThat(read).extracting(Copy::timestampNanos).containsExactly(1_000_000L, 2_000_000L);
    }

    @Test
    void aFileThatShrinksWhileReadEndsWithOneClearLine() throws IOException {
        // Larger than the read buffer, so that part of it is read from the mapping after the cut.
        PcapWriter w = PcapWriter.ethernet();
        int packets = 3 * ReadBuffer.DEFAULT_CAPACITY / 1016;
        for (int i = 0; i < packets; i++) {
            w.packet(i, PcapWriter.payload(1000, i));
        }
        Path file = write("ring.pcap", w.bytes());
        int read = 0;
        // The records wholly inside the first buffer fill are read; the next one meets the cut.
        int lastWhole = (ReadBuffer.DEFAULT_CAPACITY - 24) / 1016;
        try (PacketSource source = Captures.open(file)) {
            RawPacket packet = new RawPacket();
            assertThat(source.next(packet)).isTrue();
            read++;
            try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                channel.truncate(1000);
            }
            Throwable thrown = null;
            try {
                while (source.next(packet)) {
                    read++;
                }
            } catch (IOException e) {
                thrown = e;
            }
            assertThat(thrown).isInstanceOf(CaptureFormatException.class)
                    .hasMessage(file + ": at byte " + (lastWhole * 1016L + 24) + ": the file shrank while being read");
        }
        assertThat(read).isEqualTo(lastWhole);
    }

    @Test
    void aFileThatGrowsWhileReadIsReadToItsSizeAtOpenAndSaysSo() throws IOException {
        byte[] two = PcapWriter.ethernet().packet(1, PcapWriter.payload(60, 1)).packet(2, PcapWriter.payload(60, 2)).bytes();
        Path file = write("growing.pcap", two);
        byte[] more = PcapWriter.ethernet().packet(3, PcapWriter.payload(60, 3)).bytes();
        byte[] appended = Arrays.copyOfRange(more, 24, more.length);
        SequenceSource source = (SequenceSource) Captures.openAll(List.of(file.toString()));
        RawPacket packet = new RawPacket();
        assertThat(source.next(packet)).isTrue();
        Files.write(file, appended, java.nio.file.StandardOpenOption.APPEND);
        int read = 1;
        while (source.next(packet)) {
            read++;
        }
        assertThat(read).isEqualTo(2);
        assertThat(source.endNote()).isEqualTo(file + ": grew while being read: read up to its size at open ("
                + two.length + " of " + (two.length + appended.length) + " bytes now)");
        source.close();
    }
}
