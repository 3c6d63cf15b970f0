package org.flowmeter.cli;

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flowmeter.pcap.PcapFileWriter;
import org.flowmeter.pcap.RawPacket;

/**
 * Forwarded packets in numbered pcap files (forward-00001.pcap, ...): a file is closed once it
 * exceeds the rotation size and the next packet opens the next one, so a consumer can pick up
 * every closed file while capture goes on. No file is created until there is a packet to forward.
 */
final class ForwardFiles implements Closeable {
    private final Path dir;
    private final long rotateBytes;
    private final List<Path> written = new ArrayList<>();
    private PcapFileWriter current;
    private int number;
    private long packets;
    private long wireBytes;

    ForwardFiles(Path dir, long rotateBytes) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.rotateBytes = rotateBytes;
    }

    void write(RawPacket packet) throws IOException {
        if (current == null) {
            Path file = dir.resolve(String.format(Locale.ROOT, "forward-%05d.pcap", ++number));
            current = new PcapFileWriter(new FileOutputStream(file.toFile()));
            written.add(file);
        }
        if (current.write(packet)) {
            packets++;
            wireBytes += packet.originalLength;
        }
        if (current.fileBytes() > rotateBytes) {
            current.close();
            current = null;
        }
    }

    /** Pushes buffered packets to the open file, so readers see them without waiting for rotation. */
    void flush() throws IOException {
        if (current != null) {
            current.flush();
        }
    }

    long packets() {
        return packets;
    }

    long wireBytes() {
        return wireBytes;
    }

    List<Path> files() {
        return List.copyOf(written);
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
