package org.flowmeter.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.decode.PacketBuilder.ETH_IPV4;
import static org.flowmeter.decode.PacketBuilder.ETH_IPV6;
import static org.flowmeter.decode.PacketBuilder.authentication;
import static org.flowmeter.decode.PacketBuilder.bsdNull;
import static org.flowmeter.decode.PacketBuilder.ethernet;
import static org.flowmeter.decode.PacketBuilder.extension;
import static org.flowmeter.decode.PacketBuilder.fragment6;
import static org.flowmeter.decode.PacketBuilder.icmp;
import static org.flowmeter.decode.PacketBuilder.ipv4;
import static org.flowmeter.decode.PacketBuilder.ipv6;
import static org.flowmeter.decode.PacketBuilder.raw;
import static org.flowmeter.decode.PacketBuilder.sll;
import static org.flowmeter.decode.PacketBuilder.sll2;
import static org.flowmeter.decode.PacketBuilder.tcp;
import static org.flowmeter.decode.PacketBuilder.udp;

import java.util.Random;
import java.util.stream.Stream;

import org.flowmeter.pcap.LinkType;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cut or random input must come back as a skip reason, never as an exception. */
class PacketDecoderRobustnessTest {
    static final int[] LINK_TYPES = {LinkType.NULL, LinkType.ETHERNET, LinkType.RAW_OPENBSD, LinkType.RAW_BSDOS,
            LinkType.RAW, LinkType.LOOP, LinkType.LINUX_SLL, LinkType.IPV4, LinkType.IPV6, LinkType.LINUX_SLL2, 9999};

    static Stream<Arguments> wellFormedFrames() {
        byte[] tcp4 = ipv4(DecodedPacket.TCP, 1, 2, 8, 0, 0, tcp(1, 2, DecodedPacket.SYN, 3, 12, 5));
        byte[] icmp4 = ipv4(DecodedPacket.ICMP, 1, 2, icmp(8, 0, 1, 4));
        byte[] chain6 = ipv6(0, 1, 2, 3, 4, extension(51, 8, authentication(44, 12,
                fragment6(60, 0, true, 5, extension(DecodedPacket.UDP, 8, udp(1, 2, 3))))));
        byte[] icmp6 = ipv6(DecodedPacket.ICMPV6, 1, 2, 3, 4, icmp(128, 0, 1, 4));
        return Stream.of(
                Arguments.of("ethernet vlan tcp4", LinkType.ETHERNET, ethernet(ETH_IPV4, tcp4, 0x88A8, 0x8100)),
                Arguments.of("ethernet icmp4", LinkType.ETHERNET, ethernet(ETH_IPV4, icmp4)),
                Arguments.of("ethernet ipv6 chain", LinkType.ETHERNET, ethernet(ETH_IPV6, chain6)),
                Arguments.of("sll icmp6", LinkType.LINUX_SLL, sll(ETH_IPV6, icmp6)),
                Arguments.of("sll2 tcp4", LinkType.LINUX_SLL2, sll2(ETH_IPV4, tcp4)),
                Arguments.of("null tcp4", LinkType.NULL, bsdNull(2, true, tcp4)),
                Arguments.of("loop ipv6", LinkType.LOOP, bsdNull(24, false, chain6)),
                Arguments.of("raw ipv6", LinkType.RAW, chain6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormedFrames")
    void cutAtEveryByteIsTruncatedUntilTheHeadersAreComplete(String name, int linkType, byte[] frame) {
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket out = new DecodedPacket();
        assertThat(decoder.decode(raw(linkType, frame), out)).isNull();
        int payload = out.payloadLength;
        int headersEnd = frame.length - payload;
        int srcPort = out.srcPort;
        int dstPort = out.dstPort;
        boolean hasPorts = out.protocol == DecodedPacket.TCP || out.protocol == DecodedPacket.UDP;
        // TCP and UDP headers cut after their ports still give the flow (ports only).
        int neededEnd = hasPorts ? headersEnd - out.transportHeaderLength + 4 : headersEnd;
        for (int captured = 0; captured < frame.length; captured++) {
            SkipReason reason = decoder.decode(raw(linkType, frame, captured, frame.length), out);
            if (captured < neededEnd) {
                assertThat(reason).as("cut to %d of %d bytes", captured, frame.length).isEqualTo(SkipReason.TRUNCATED);
            } else if (captured < headersEnd) {
                assertThat(reason).as("cut to %d of %d bytes", captured, frame.length).isNull();
                assertThat(out.srcPort).isEqualTo(srcPort);
                assertThat(out.dstPort).isEqualTo(dstPort);
            } else {
                // Only payload is missing: lengths still come from the IP header.
                assertThat(reason).as("cut to %d of %d bytes", captured, frame.length).isNull();
                assertThat(out.payloadLength).isEqualTo(payload);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormedFrames")
    void mutatedHeadersAndWireLengthsNeverThrow(String name, int linkType, byte[] frame) {
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket out = new DecodedPacket();
        Random random = new Random(name.hashCode());
        for (int i = 0; i < 2000; i++) {
            byte[] mutated = frame.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            decoder.decode(raw(linkType, mutated, mutated.length, random.nextInt(70000)), out);
        }
        assertThat(decoder.decoded() + decoder.skippedTotal()).isEqualTo(2000);
    }

    @Test
    void randomBytesOverEveryLinkTypeNeverThrow() {
        Random random = new Random(20240611L);
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket out = new DecodedPacket();
        RawPacket raw = new RawPacket();
        int cases = 0;
        for (int linkType : LINK_TYPES) {
            for (int i = 0; i < 10_000; i++) {
                byte[] buffer = new byte[random.nextInt(120)];
                random.nextBytes(buffer);
                if (buffer.length > 24 && random.nextBoolean()) {
                    plantPlausibleHeaders(buffer, linkType, random);
                }
                int offset = buffer.length == 0 ? 0 : random.nextInt(buffer.length);
                int captured = random.nextInt(buffer.length - offset + 1);
                raw.set(buffer, offset, captured, random.nextInt(), random.nextLong(), linkType, 0);
                decoder.decode(raw, out);
                cases++;
            }
        }
        assertThat(decoder.decoded() + decoder.skippedTotal()).isEqualTo(cases);
        assertThat(decoder.decoded()).as("planted headers reach the transport decoders").isPositive();
    }

    /** Random bytes rarely look like IP; give half of them a valid-looking start. */
    private static void plantPlausibleHeaders(byte[] b, int linkType, Random random) {
        int ip = switch (linkType) {
            case LinkType.ETHERNET -> 14;
            case LinkType.LINUX_SLL -> 16;
            case LinkType.LINUX_SLL2 -> 20;
            case LinkType.NULL, LinkType.LOOP -> 4;
            default -> 0;
        };
        if (ip + 20 > b.length) {
            return;
        }
        boolean v6 = random.nextBoolean();
        int etherType = v6 ? ETH_IPV6 : ETH_IPV4;
        switch (linkType) {
            case LinkType.ETHERNET -> put16(b, 12, etherType);
            case LinkType.LINUX_SLL -> put16(b, 14, etherType);
            case LinkType.LINUX_SLL2 -> put16(b, 0, etherType);
            case LinkType.NULL, LinkType.LOOP -> {
                put16(b, 0, 0);
                put16(b, 2, v6 ? 24 : 2);
            }
            default -> { }
        }
        int[] protocols = {DecodedPacket.TCP, DecodedPacket.UDP, v6 ? DecodedPacket.ICMPV6 : DecodedPacket.ICMP, 0, 44};
        if (v6) {
            b[ip] = 0x60;
            b[ip + 6] = (byte) protocols[random.nextInt(protocols.length)];
        } else {
            b[ip] = 0x45;
            b[ip + 6] = (byte) (random.nextInt(4) == 0 ? 0x20 : 0);
            b[ip + 9] = (byte) protocols[random.nextInt(3)];
            put16(b, ip + 2, Math.max(20, b.length - ip - random.nextInt(4)));
        }
    }

    private static void put16(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }
}
