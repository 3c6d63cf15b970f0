package org.flowmeter.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.decode.PacketBuilder.ipv4;
import static org.flowmeter.decode.PacketBuilder.raw;

import java.io.ByteArrayOutputStream;
import org.flowmeter.pcap.LinkType;
import org.junit.jupiter.api.Test;

/** Where a DNS message's question ends: its size without the records a resolver adds. */
class DnsQuestionTest {
    /** A query for {@code name}, type A, with an EDNS OPT record holding a cookie of {@code cookieBytes}. */
    private static byte[] query(String name, int cookieBytes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, (byte) (cookieBytes > 0 ? 1 : 0)});
        for (String label : name.split("\\.")) {
            b.write(label.length());
            b.writeBytes(label.getBytes());
        }
        b.writeBytes(new byte[] {0, 0, 1, 0, 1}); // root label, type A, class IN
        if (cookieBytes > 0) { // OPT: root name, type 41, size, flags, rdata length, option 10 (COOKIE)
            b.writeBytes(new byte[] {0, 0, 41, 0x04, (byte) 0xD0, 0, 0, 0, 0, 0, (byte) (4 + cookieBytes), 0, 10, 0,
                    (byte) cookieBytes});
            b.writeBytes(new byte[cookieBytes]);
        }
        return b.toByteArray();
    }

    private static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        byte[] u = new byte[8 + payload.length];
        u[0] = (byte) (srcPort >> 8);
        u[1] = (byte) srcPort;
        u[2] = (byte) (dstPort >> 8);
        u[3] = (byte) dstPort;
        u[4] = (byte) (u.length >> 8);
        u[5] = (byte) u.length;
        System.arraycopy(payload, 0, u, 8, payload.length);
        return u;
    }

    @Test
    void aQueryCountsToTheEndOfItsQuestionWithoutItsCookie() {
        byte[] plain = query("host7.example.test", 0);
        byte[] withCookie = query("host7.example.test", 24); // client and server cookie, as BIND forwards
        // 12 header + 20 name (5 host7, 7 example, 4 test, plus length bytes and the root) + 4
        assertThat(DnsQuestion.length(plain, 0, plain.length, plain.length)).isEqualTo(36);
        assertThat(withCookie.length).isEqualTo(36 + 11 + 4 + 24);
        assertThat(DnsQuestion.length(withCookie, 0, withCookie.length, withCookie.length)).isEqualTo(36);
    }

    @Test
    void aNameCutByTheCaptureCountsTheWholePayload() {
        byte[] q = query("a".repeat(60) + ".t1.tun.test", 0);
        assertThat(DnsQuestion.length(q, 0, 40, q.length)).isEqualTo(q.length);
        assertThat(DnsQuestion.length(q, 0, 10, 11)).isEqualTo(11); // too short for a question
    }

    @Test
    void aCompressionPointerEndsTheName() {
        byte[] q = {0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, 'w', 'w', 'w', (byte) 0xC0, 12, 0, 1, 0, 1, 9, 9};
        assertThat(DnsQuestion.length(q, 0, q.length, q.length)).isEqualTo(22);
    }

    @Test
    void theDecoderMeasuresUdpDnsOnlyEitherWay() {
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket out = new DecodedPacket();
        byte[] q = query("www.lab.test", 12);
        assertThat(decoder.decode(raw(LinkType.RAW, ipv4(DecodedPacket.UDP, 0x0A000001L, 0x0A000035L, udp(40000, 53, q))), out))
                .isNull();
        assertThat(out.payloadLength).isEqualTo(q.length);
        assertThat(out.dnsQuestion).isEqualTo(12 + 14 + 4);
        assertThat(decoder.decode(raw(LinkType.RAW, ipv4(DecodedPacket.UDP, 0x0A000035L, 0x0A000001L, udp(5353, 40000, q))), out))
                .isNull();
        assertThat(out.dnsQuestion).isEqualTo(30);
        assertThat(decoder.decode(raw(LinkType.RAW, ipv4(DecodedPacket.UDP, 0x0A000001L, 0x0A000035L, udp(40000, 54, q))), out))
                .isNull();
        assertThat(out.dnsQuestion).isEqualTo(-1);
    }

    @Test
    void anAnswerGivesItsResponseCodeAndAQueryOrAShortMessageNone() {
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket out = new DecodedPacket();
        byte[] q = query("nosuch.lab.test", 0);
        assertThat(decoder.decode(raw(LinkType.RAW, ipv4(DecodedPacket.UDP, 0x0A000001L, 0x0A000035L, udp(40000, 53, q))), out))
                .isNull();
        assertThat(out.dnsRcode).isEqualTo(-1); // a query (QR bit clear)
        byte[] nxdomain = q.clone();
        nxdomain[2] = (byte) 0x81; // QR, RD
        nxdomain[3] = (byte) 0x83; // RA, rcode 3: no such name
        assertThat(decoder.decode(raw(LinkType.RAW, ipv4(DecodedPacket.UDP, 0x0A000035L, 0x0A000001L, udp(53, 40000, nxdomain))), out))
                .isNull();
        assertThat(out.dnsRcode).isEqualTo(3);
        assertThat(DnsQuestion.answerCode(nxdomain, 0, 3, nxdomain.length)).isEqualTo(-1); // header cut by the capture
        assertThat(DnsQuestion.answerCode(nxdomain, 0, nxdomain.length, 3)).isEqualTo(-1); // too short a message
        assertThat(decoder.decode(raw(LinkType.RAW, ipv4(DecodedPacket.UDP, 0x0A000035L, 0x0A000001L, udp(54, 40000, nxdomain))), out))
                .isNull();
        assertThat(out.dnsRcode).isEqualTo(-1); // not DNS
    }

    @Test
    void reverseAndBlocklistLookupsGiveNoResponseCode() {
        for (String name : new String[] {"4.3.2.10.in-addr.arpa", "b.a.9.8.ip6.arpa", "66.0.0.10.zen.example.test"}) {
            byte[] answer = query(name, 0);
            answer[2] = (byte) 0x81;
            answer[3] = (byte) 0x83; // no such name, as a blocklist answers a clean address
            assertThat(DnsQuestion.answerCode(answer, 0, answer.length, answer.length)).as(name).isEqualTo(-1);
        }
        for (String name : new String[] {"ns1.lab.test", "mx.lab.test", "1234.lab.test", "a.lab.test"}) {
            byte[] answer = query(name, 0);
            answer[2] = (byte) 0x81;
            answer[3] = (byte) 0x83;
            assertThat(DnsQuestion.answerCode(answer, 0, answer.length, answer.length)).as(name).isEqualTo(3);
        }
    }
}
