package org.flowmeter.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.PcapFileWriter;
import org.flowmeter.pcap.RawPacket;

/** Test captures: the repository's fixtures, and consecutive pieces of one written to files. */
final class CaptureFiles {
    static final Path REPO = Path.of("").toAbsolutePath().getParent();
    static final Path BENCH_SMALL = REPO.resolve("fixtures/captures/bench_small.pcap");

    private CaptureFiles() {
    }

    /** Writes the capture cut before the given packet indices into numbered pieces; returns their paths. */
    static List<Path> split(Path capture, int[] cuts, Path dir) throws IOException {
        List<Path> pieces = new ArrayList<>();
        try (PacketSource source = Captures.open(capture)) {
            RawPacket p = new RawPacket();
            int index = 0;
            int piece = 0;
            PcapFileWriter writer = null;
            while (source.next(p)) {
                if (writer == null || (piece < cuts.length && index == cuts[piece])) {
                    if (writer != null) {
                        writer.close();
                        piece++;
                    }
                    Path file = dir.resolve("piece-" + pieces.size() + ".pcap");
                    pieces.add(file);
                    OutputStream out = Files.newOutputStream(file);
                    writer = new PcapFileWriter(out);
                }
                writer.write(p);
                index++;
            }
            if (writer != null) {
                writer.close();
            }
        }
        return pieces;
    }

    /** Time of the first packet of a capture. */
    static long firstPacketNanos(Path capture) throws IOException {
        try (PacketSource source = Captures.open(capture)) {
            RawPacket p = new RawPacket();
            if (!source.next(p)) {
                throw new IOException("empty capture " + capture);
            }
            return p.timestampNanos;
        }
    }
}
