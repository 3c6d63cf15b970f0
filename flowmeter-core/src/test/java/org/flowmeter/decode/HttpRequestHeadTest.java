package org.flowmeter.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowmeter.decode.PacketBuilder.ipv4;
import static org.flowmeter.decode.PacketBuilder.raw;

import java.nio.charset.StandardCharsets;
import org.flowmeter.pcap.LinkType;
import org.junit.jupiter.api.Test;

/** How long a whole HTTP request is, read from the segment that starts it. */
class HttpRequestHeadTest {
    private static int length(String payload) {
        byte[] b = payload.getBytes(StandardCharsets.US_ASCII);
        return HttpRequestHead.length(b, 0, b.length, b.length);
    }

    @Test
    void aRequestWithoutBodyIsItsHead() {
        String poll = "GET /poll?wait=12 HTTP/1.1\r\nHost: updates\r\nConnection: close\r\n\r\n";
        assertThat(poll.length()).isEqualTo(64);
        assertThat(length(poll)).isEqualTo(64);
        assertThat(length("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n")).isEqualTo(31);
    }

    @Test
    void aContentLengthAddsTheAnnouncedBodyWhateverCameWithTheHead() {
        String head = "POST /form HTTP/1.1\r\nHost: a\r\ncontent-LENGTH:  4096 \r\n\r\n"; // 56 bytes
        assertThat(length(head)).isEqualTo(56 + 4096);
        assertThat(length(head + "x=aaaaaaaa")).isEqualTo(56 + 4096);
    }

    @Test
    void aHeadThatDoesNotEndIsNoWholeRequest() {
        assertThat(length("GET / HTTP/1.1\r\nHost: a\r\nX-a: b\r\n")).isEqualTo(-1); // slowloris' start
        assertThat(length("GET / HTTP/1.1\r\n\r")).isEqualTo(-1);
        String whole = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
        byte[] b = whole.getBytes(StandardCharsets.US_ASCII);
        assertThat(HttpRequestHead.length(b, 0, b.length - 1, b.length)).isEqualTo(-1); // the snaplen cut the empty line
        assertThat(HttpRequestHead.length(b, 0, b.length, b.length - 1)).isEqualTo(-1); // the segment ends before it
    }

    @Test
    void onlyRequestLinesAreRead() {
        assertThat(length("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")).isEqualTo(-1); // an answer
        assertThat(length("SSH-2.0-OpenSSH_9.2\r\n\r\n")).isEqualTo(-1);
        assertThat(length("get / HTTP/1.1\r\n\r\n")).isEqualTo(-1);
        assertThat(length("GE / HTTP/1.1\r\n\r\n")).isEqualTo(-1);
        assertThat(length("SUBSCRIBE / HTTP/1.1\r\n\r\n")).isEqualTo(-1); // longer than any method read
        assertThat(length("\u0016\u0003\u0001\u0002\u0000")).isEqualTo(-1); // a TLS record
        assertThat(length("")).isEqualTo(-1);
    }

    @Test
    void aBodyOfUnknownLengthGivesNoSize() {
        assertThat(length("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")).isEqualTo(-1);
        assertThat(length("POST / HTTP/1.1\r\nContent-Length: many\r\n\r\n")).isEqualTo(-1);
        assertThat(length("POST / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n")).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void theDecoderMeasuresTcpSegmentsThatStartARequest() {
        byte[] request = "GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] header = PacketBuilder.tcp(40000, 80, DecodedPacket.PSH | DecodedPacket.ACK, 65535, 12, 0);
        byte[] segment = new byte[header.length + request.length];
        System.arraycopy(header, 0, segment, 0, header.length);
        System.arraycopy(request, 0, segment, header.length, request.length);
        PacketDecoder decoder = new PacketDecoder();
        DecodedPacket out = new DecodedPacket();
        byte[] frame = ipv4(DecodedPacket.TCP, 0x0A000001L, 0x0A000002L, segment);
        assertThat(decoder.decode(raw(LinkType.RAW, frame), out)).isNull();
        assertThat(out.payloadLength).isEqualTo(27);
        assertThat(out.httpRequest).isEqualTo(27);
        assertThat(decoder.decode(raw(LinkType.RAW, frame, frame.length - 2, frame.length), out)).isNull();
        assertThat(out.httpRequest).isEqualTo(-1); // its empty line not captured
        assertThat(decoder.decode(raw(LinkType.RAW, ipv4(DecodedPacket.TCP, 0x0A000001L, 0x0A000002L,
                PacketBuilder.tcp(40000, 80, DecodedPacket.ACK, 65535, 12, 27))), out)).isNull();
        assertThat(out.httpRequest).isEqualTo(-1);
    }
}
