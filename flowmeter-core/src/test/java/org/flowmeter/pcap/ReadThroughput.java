package org.flowmeter.pcap;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Manual throughput check, not a test: {@code ReadThroughput [files...]}. Without arguments it
 * writes synthetic pcap and pcapng files of small packets to temporary files and reads each several times.
 * With {@code --list} it prints "packets dataSize path" per file, to compare with capinfos.
 */
public final class ReadThroughput {
    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("--list")) {
            for (int i = 1; i < args.length; i++) {
                list(args[i]);
            }
            return;
        }
        if (args.length > 0) {
            for (int round = 0; round < 5; round++) {
                measure(Captures.openAll(java.util.List.of(args)));
            }
            return;
        }
        byte[] payload = PcapWriter.payload(64, 1);
        PcapWriter pcap = new PcapWriter(ByteOrder.LITTLE_ENDIAN, false, LinkType.ETHERNET, 65535);
        PcapNgWriter pcapNg = new PcapNgWriter().section(ByteOrder.LITTLE_ENDIAN).iface(LinkType.ETHERNET, 0, 9, 0);
        for (int i = 0; i < 5_000_000; i++) {
            pcap.packet(i * 1000L, payload);
            pcapNg.epb(0, i * 1000L, payload, payload.length);
        }
        for (byte[] capture : new byte[][] {pcap.bytes(), pcapNg.bytes()}) {
            Path file = Files.createTempFile("throughput", ".capture");
            try {
                Files.write(file, capture);
                for (int round = 0; round < 5; round++) {
                    measure(Captures.open(file.toString()));
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    private static void measure(PacketSource source) throws IOException {
        long start = System.nanoTime();
        long packets = 0;
        long checksum = 0;
        try (source) {
            RawPacket packet = new RawPacket();
            while (source.next(packet)) {
                packets++;
                checksum += packet.capturedLength + packet.data[packet.offset];
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d packets in %.3f s: %.1f M packets/s, %.0f MB/s (checksum %d)%n", packets, seconds,
                packets / seconds / 1e6, source.bytesRead() / seconds / 1e6, checksum);
    }

    private static void list(String file) {
        long packets = 0;
        long dataSize = 0;
        try (PacketSource source = Captures.open(file)) {
            RawPacket packet = new RawPacket();
            while (source.next(packet)) {
                packets++;
                dataSize += packet.originalLength;
            }
            System.out.println(packets + " " + dataSize + " " + file);
        } catch (IOException e) {
            System.out.println(packets + " " + dataSize + " " + file + " ERROR " + e.getMessage());
        }
    }
}
