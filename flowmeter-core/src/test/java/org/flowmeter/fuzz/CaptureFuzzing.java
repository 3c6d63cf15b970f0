package org.flowmeter.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.pcap.CaptureFormatException;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.RawPacket;

/** What every capture fuzz test checks: read to the end or to a clean error, decode every packet. */
final class CaptureFuzzing {
    static final byte[] PCAP_MAGIC = {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1};
    static final byte[] PCAPNG_MAGIC = {0x0a, 0x0d, 0x0d, 0x0a};
    static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};
    /** Bounds the work on one input, whatever lengths it claims. */
    private static final int MAX_PACKETS = 100_000;

    private CaptureFuzzing() {
    }

    /**
     * Starts the input with a format's magic unless it already has it, so that the fuzzer spends
     * its time inside that reader rather than on the format detection.
     */
    static byte[] withMagic(byte[] data, byte[] magic) {
        if (startsWith(data, magic) || (magic == PCAP_MAGIC && startsWithAnyPcapMagic(data))) {
            return data;
        }
        byte[] out = new byte[magic.length + data.length];
        System.arraycopy(magic, 0, out, 0, magic.length);
        System.arraycopy(data, 0, out, magic.length, data.length);
        return out;
    }

    private static boolean startsWithAnyPcapMagic(byte[] data) {
        if (data.length < 4) {
            return false;
        }
        int be = (data[0] & 0xFF) << 24 | (data[1] & 0xFF) << 16 | (data[2] & 0xFF) << 8 | (data[3] & 0xFF);
        int le = Integer.reverseBytes(be);
        return be == 0xa1b2c3d4 || be == 0xa1b23c4d || le == 0xa1b2c3d4 || le == 0xa1b23c4d;
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads and decodes every packet; only a CaptureFormatException may end it early. */
    static void readEverything(byte[] capture) {
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket decoded = new DecodedPacket();
        RawPacket raw = new RawPacket();
        try (PacketSource source = Captures.open(new ByteArrayInputStream(capture), "fuzz")) {
            for (int n = 0; n < MAX_PACKETS && source.next(raw); n++) {
                checkPacket(raw);
                // Decoded from an array holding only the captured bytes: reading past them throws.
                RawPacket exact = new RawPacket();
                exact.set(java.util.Arrays.copyOfRange(raw.data, raw.offset, raw.offset + raw.capturedLength), 0,
                        raw.capturedLength, raw.originalLength, raw.timestampNanos, raw.linkType, raw.recordOffset);
                if (decoder.decode(exact, decoded) == null) {
                    PacketDecoderFuzzTest.checkDecoded(decoded);
                }
            }
        } catch (CaptureFormatException e) {
            if (e.offset() < 0) {
                throw new AssertionError("offset out of range: " + e.getMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkPacket(RawPacket raw) {
        if (raw.capturedLength < 0 || raw.originalLength < raw.capturedLength
                || raw.offset < 0 || raw.offset + raw.capturedLength > raw.data.length) {
            throw new AssertionError("inconsistent packet: offset " + raw.offset + ", captured " + raw.capturedLength
                    + ", original " + raw.originalLength + ", buffer " + raw.data.length);
        }
    }
}
