package org.flowmeter.decode;

import java.io.ByteArrayOutputStream;

import org.flowmeter.pcap.RawPacket;

/** Builds packets byte by byte for decoder tests; every length field is filled in correctly. */
final class PacketBuilder {
    static final int ETH_IPV4 = 0x0800;
    static final int ETH_IPV6 = 0x86DD;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    PacketBuilder u8(int v) {
        bytes.write(v);
        return this;
    }

    PacketBuilder u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    PacketBuilder u32(long v) {
        return u16((int) (v >>> 16)).u16((int) v);
    }

    PacketBuilder u64(long v) {
        return u32(v >>> 32).u32(v);
    }

    PacketBuilder bytes(byte[] v) {
        bytes.writeBytes(v);
        return this;
    }

    PacketBuilder zeros(int count) {
        return bytes(new byte[count]);
    }

    byte[] build() {
        return bytes.toByteArray();
    }

    // ---- transport ----

    static byte[] tcp(int srcPort, int dstPort, int flags, int window, int optionBytes, int payload) {
        int dataOffset = (20 + optionBytes) / 4;
        return new PacketBuilder().u16(srcPort).u16(dstPort).u32(1000).u32(2000)
                .u8(dataOffset << 4).u8(flags).u16(window).u16(0).u16(0)
                .bytes(nops(optionBytes)).zeros(payload).build();
    }

    static byte[] udp(int srcPort, int dstPort, int payload) {
        return new PacketBuilder().u16(srcPort).u16(dstPort).u16(8 + payload).u16(0).zeros(payload).build();
    }

    static byte[] icmp(int type, int code, int identifier, int payload) {
        return new PacketBuilder().u8(type).u8(code).u16(0).u16(identifier).u16(1).zeros(payload).build();
    }

    private static byte[] nops(int count) {
        byte[] options = new byte[count];
        java.util.Arrays.fill(options, (byte) 1);
        return options;
    }

    // ---- network ----

    static byte[] ipv4(int protocol, long src, long dst, byte[] payload) {
        return ipv4(protocol, src, dst, 0, 0, 0, payload);
    }

    static byte[] ipv4(int protocol, long src, long dst, int optionBytes, int identification,
                       int flagsAndOffset, byte[] payload) {
        int headerLength = 20 + optionBytes;
        return new PacketBuilder().u8(0x40 | headerLength / 4).u8(0).u16(headerLength + payload.length)
                .u16(identification).u16(flagsAndOffset).u8(64).u8(protocol).u16(0)
                .u32(src).u32(dst).bytes(nops(optionBytes)).bytes(payload).build();
    }

    /** IPv6 header; {@code payload} holds any extension headers followed by the transport. */
    static byte[] ipv6(int nextHeader, long srcHi, long srcLo, long dstHi, long dstLo, byte[] payload) {
        return new PacketBuilder().u32(0x6000_0000L).u16(payload.length).u8(nextHeader).u8(64)
                .u64(srcHi).u64(srcLo).u64(dstHi).u64(dstLo).bytes(payload).build();
    }

    /** Hop-by-hop, routing or destination options header of {@code length} bytes (multiple of 8). */
    static byte[] extension(int nextHeader, int length, byte[] rest) {
        return new PacketBuilder().u8(nextHeader).u8(length / 8 - 1).zeros(length - 2).bytes(rest).build();
    }

    /** Authentication header of {@code length} bytes (multiple of 4, at least 12). */
    static byte[] authentication(int nextHeader, int length, byte[] rest) {
        return new PacketBuilder().u8(nextHeader).u8(length / 4 - 2).zeros(length - 2).bytes(rest).build();
    }

    static byte[] fragment6(int nextHeader, int offsetUnits, boolean more, long identification, byte[] rest) {
        return new PacketBuilder().u8(nextHeader).u8(0).u16(offsetUnits << 3 | (more ? 1 : 0))
                .u32(identification).bytes(rest).build();
    }

    // ---- link ----

    static byte[] ethernet(int etherType, byte[] payload, int... vlanTypes) {
        PacketBuilder b = new PacketBuilder().u32(0x0200_0000L).u16(1).u32(0x0200_0000L).u16(2);
        for (int i = 0; i < vlanTypes.length; i++) {
            b.u16(vlanTypes[i]).u16(100 + i);
        }
        return b.u16(etherType).bytes(payload).build();
    }

    static byte[] sll(int protocol, byte[] payload) {
        return new PacketBuilder().u16(0).u16(1).u16(6).u32(0x0200_0000L).u32(0x0001_0000L)
                .u16(protocol).bytes(payload).build();
    }

    static byte[] sll2(int protocol, byte[] payload) {
        return new PacketBuilder().u16(protocol).u16(0).u32(3).u16(1).u8(0).u8(6)
                .u32(0x0200_0000L).u32(0x0001_0000L).bytes(payload).build();
    }

    static byte[] bsdNull(int family, boolean littleEndian, byte[] payload) {
        PacketBuilder b = new PacketBuilder();
        if (littleEndian) {
            b.u8(family).u8(family >>> 8).u8(family >>> 16).u8(family >>> 24);
        } else {
            b.u32(family);
        }
        return b.bytes(payload).build();
    }

    // ---- captured packet ----

    /** Wraps bytes at a non-zero offset of a larger buffer, as a reader's reused buffer would. */
    static RawPacket raw(int linkType, byte[] frame) {
        return raw(linkType, frame, frame.length, frame.length);
    }

    static RawPacket raw(int linkType, byte[] frame, int captured, int original) {
        byte[] buffer = new byte[frame.length + 11];
        java.util.Arrays.fill(buffer, (byte) 0x5A);
        System.arraycopy(frame, 0, buffer, 7, frame.length);
        RawPacket raw = new RawPacket();
        raw.set(buffer, 7, captured, original, 1_000_000_000L, linkType, 0);
        return raw;
    }
}
