package org.flowmeter.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a pcap of one-packet TCP flows (a SYN flood's shape): SYN i comes from 10.x.y.z (a
 * distinct address for each i) port 1024 + i % 60000 to 192.168.0.1:80, at {@code i * spacingNanos}
 * after 1,700,000,000 s (microsecond timestamps). The same layout as scripts/syn-flood-pcap.py.
 */
final class SynFlood {
    static final long START_SECONDS = 1_700_000_000L;

    private SynFlood() {
    }

    static void write(Path file, int flows, long spacingNanos) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(header());
            byte[] packet = new byte[54];
            for (int i = 0; i < flows; i++) {
                long nanos = i * spacingNanos;
                writeRecord(out, START_SECONDS + nanos / 1_000_000_000L, nanos % 1_000_000_000L / 1000, syn(packet, i));
            }
        }
    }

    /** The source address of flow i, as the dotted string the rows show. */
    static String source(int i) {
        int a = address(i);
        return "10." + (a >> 16 & 255) + "." + (a >> 8 & 255) + "." + (a & 255);
    }

    private static int address(int i) {
        return 0x0A000000 + i / 50000 * 65536 + i % 50000 / 250 * 256 + i % 250 + 1;
    }

    /**
     * A capture whose first flow, an unanswered SYN at 0 s, has ended by the end of what is written:
     * 2,100 other flows' SYNs at 40 s move the clock past the 30 s TCP new timeout (more than one
     * hand-over's worth of packets, far fewer flow ends than a full batch). The stream stays open.
     */
    static void writeOneEndedFlow(OutputStream out) throws IOException {
        out.write(header());
        byte[] packet = new byte[54];
        writeRecord(out, START_SECONDS, 0, syn(packet, 0));
        for (int i = 1; i <= 2100; i++) {
            writeRecord(out, START_SECONDS + 40, i, syn(packet, i));
        }
        out.flush();
    }

    static byte[] header() {
        return ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(65535).putInt(1).array();
    }

    static void writeRecord(OutputStream out, long seconds, long micros, byte[] packet) throws IOException {
        out.write(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) seconds).putInt((int) micros).putInt(packet.length).putInt(packet.length).array());
        out.write(packet);
    }

    /** Ethernet, IPv4 (no options), TCP SYN without payload. */
    static byte[] syn(byte[] p, int i) {
        ByteBuffer b = ByteBuffer.wrap(p);
        b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0});
        b.put((byte) 0x45).put((byte) 0).putShort((short) 40).putShort((short) i).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).putInt(address(i)).putInt(0xC0A80001);
        b.putShort((short) (1024 + i % 60000)).putShort((short) 80).putInt(i).putInt(0)
                .put((byte) 0x50).put((byte) 0x02).putShort((short) 64240).putShort((short) 0).putShort((short) 0);
        return p;
    }
}
