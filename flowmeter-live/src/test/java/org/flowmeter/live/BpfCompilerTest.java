package org.flowmeter.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.flowmeter.filter.BpfProgram;
import org.flowmeter.filter.FilteredSource;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.LinkType;
import org.flowmeter.pcap.RawPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Filters compiled by libpcap and run by the Java interpreter keep exactly the packets tcpdump keeps. */
class BpfCompilerTest {
    private static final Path FIXTURES = Path.of("").toAbsolutePath().getParent().resolve("fixtures/captures");

    static BpfProgram compile(String expression, int linkType) {
        try {
            return BpfCompiler.compile(expression, linkType);
        } catch (LiveCaptureException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Expected counts: {@code tcpdump -r CAPTURE 'EXPR' | wc -l} (tcpdump 4.99.3, libpcap 1.10.3). */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "http_small.pcap|tcp|98",
        "http_small.pcap|ip6|37",
        "http_small.pcap|udp or icmp|0",
        "http_small.pcap|tcp[tcpflags] & tcp-syn != 0|10",
        "http_small.pcap|len > 200|16",
        "http_small.pcap|host 127.0.0.1 and port 53043|61",
        "http_small.pcap|tcp[((tcp[12:1] & 0xf0) >> 2):4] = 0x47455420|5",
        "udp_ping.pcap|ip6|12",
        "udp_ping.pcap|udp or icmp|18",
        "udp_ping.pcap|len > 200|4",
        "udp_ping.pcap|icmp6 or (udp and ip6)|12",
        "sll_any.pcap|tcp|36",
        "sll_any.pcap|ip6|12",
        "sll_any.pcap|tcp[tcpflags] & tcp-syn != 0|4",
        "sll_any.pcap|len > 200|6",
        "sll_any.pcap|tcp[((tcp[12:1] & 0xf0) >> 2):4] = 0x47455420|2",
        "refused.pcap|tcp|6",
        "refused.pcap|udp or icmp|4",
        "refused.pcap|tcp[tcpflags] & tcp-syn != 0|3",
    })
    void keepsWhatTcpdumpKeeps(String capture, String expression, long expected) throws IOException {
        long kept = 0;
        long all = 0;
        RawPacket p = new RawPacket();
        try (var source = Captures.open(FIXTURES.resolve(capture).toString())) {
            while (source.next(p)) {
                all++;
            }
        }
        try (FilteredSource source = new FilteredSource(Captures.open(FIXTURES.resolve(capture).toString()),
                linkType -> compile(expression, linkType))) {
            while (source.next(p)) {
                kept++;
            }
            assertThat(kept).isEqualTo(expected);
            assertThat(source.rejected()).isEqualTo(all - expected);
        }
    }

    @Test
    void libpcapRefusalIsAClearMessage() {
        assertThatThrownBy(() -> BpfCompiler.compile("tcp port", LinkType.ETHERNET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("filter 'tcp port': ")
                .hasMessageContaining("syntax error");
    }
}
