package org.flowmeter.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flowmeter.decode.IpAddresses;
import org.flowmeter.flow.Flow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CommunityIdTest {

    private static String id(int seed, int protocol, String src, String dst, int srcPort, int dstPort) {
        long[] s = IpAddresses.parse(src);
        long[] d = IpAddresses.parse(dst);
        int version = IpAddresses.isIpv6(src) ? 6 : 4;
        return new CommunityId(seed).of(version, s[0], s[1], d[0], d[1], protocol, srcPort, dstPort);
    }

    /**
     * The Community ID specification's published examples (its README and the baseline tables
     * of its reference implementation), each direction; ICMP ports are type and code.
     * Recomputed independently with a few lines of Python hashlib before being written here.
     */
    @ParameterizedTest(name = "{1} {2}:{4} > {3}:{5} seed {0}")
    @CsvSource({
        "0, 6, 1.2.3.4, 5.6.7.8, 1122, 3344, 1:wCb3OG7yAFWelaUydu0D+125CLM=",
        "0, 6, 5.6.7.8, 1.2.3.4, 3344, 1122, 1:wCb3OG7yAFWelaUydu0D+125CLM=",
        "0, 17, 1.2.3.4, 5.6.7.8, 1122, 3344, 1:0Mu9InQx6z4ZiCZM/7HXi2WMhOg=",
        "0, 1, 1.2.3.4, 5.6.7.8, 8, 0, 1:crodRHL2FEsHjbv3UkRrfbs4bZ0=",
        "0, 1, 5.6.7.8, 1.2.3.4, 0, 0, 1:crodRHL2FEsHjbv3UkRrfbs4bZ0=",
        "0, 58, fe80:1:203:405:607:809:a0b:c0d, fe80:1011:1213:1415:1617:1819:1a1b:1c1d, 128, 0, 1:0bf7hyMJUwt3fMED7z8LIfRpBeo=",
        "1, 6, 1.2.3.4, 5.6.7.8, 1122, 3344, 1:HhA1B+6CoLbiKPEs5nhNYN4XWfk=",
        "1, 17, 1.2.3.4, 5.6.7.8, 1122, 3344, 1:OShq+iKDAMVouh/4bMxB9Sz4amw=",
        "1, 1, 1.2.3.4, 5.6.7.8, 8, 0, 1:9pr4ZGTICiuZoIh90RRYE2RyXpU=",
        "0, 6, 128.232.110.120, 66.35.250.204, 34855, 80, 1:LQU9qZlK+B5F3KDmev6m5PMibrg=",
        "0, 6, 66.35.250.204, 128.232.110.120, 80, 34855, 1:LQU9qZlK+B5F3KDmev6m5PMibrg=",
        "0, 17, 192.168.1.52, 8.8.8.8, 54585, 53, 1:d/FP5EW3wiY1vCndhwleRRKHowQ=",
        "0, 17, 8.8.8.8, 192.168.1.52, 53, 54585, 1:d/FP5EW3wiY1vCndhwleRRKHowQ=",
        "0, 6, 2001:470:e5bf:dead:4957:2174:e82c:4887, 2607:f8b0:400c:c03::1a, 63943, 25, 1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=",
        "0, 132, 192.168.170.56, 192.168.170.8, 7, 7, 1:MP2EtRCAUIZvTw6MxJHLV7N7JDs=",
        "0, 1, 192.168.0.89, 192.168.0.1, 8, 0, 1:X0snYXpgwiv9TZtqg64sgzUn6Dk=",
        "0, 1, 192.168.0.1, 192.168.0.89, 0, 0, 1:X0snYXpgwiv9TZtqg64sgzUn6Dk=",
        // Time exceeded has no counterpart: one-way, never reordered.
        "0, 1, 10.0.0.1, 10.0.0.2, 11, 0, 1:YHxtAirCG//0OzkcVAukqKQN9xM=",
        "0, 58, fe80::200:86ff:fe05:80da, ff02::2, 133, 0, 1:hO+sN4H+MG5MY/8hIrXPqc4ZQz0=",
        "0, 58, fe80::260:97ff:fe07:69ea, ff02::1, 134, 0, 1:pkvHqCL88/tg1k4cPigmZXUtL00=",
        "0, 58, 3ffe:501:410:0:2c0:dfff:fe47:33e, 3ffe:507:0:1:200:86ff:fe05:80da, 1, 4, 1:hLZd0XGWojozrvxqE0dWB1iM6R0=",
    })
    void publishedExamples(int seed, int protocol, String src, String dst, int srcPort, int dstPort, String expected) {
        assertThat(id(seed, protocol, src, dst, srcPort, dstPort)).isEqualTo(expected);
    }

    @Test
    void protocolWithoutPortsHashesAddressesOnly() {
        // RSVP (46), from the specification's baseline, both directions.
        assertThat(id(0, 46, "10.1.12.1", "10.1.12.2", 0, 0)).isEqualTo("1:KHlLkgoJW7ifUTyTSgyVfkFHzKw=");
        assertThat(id(0, 46, "10.1.12.2", "10.1.12.1", 99, 7)).isEqualTo("1:KHlLkgoJW7ifUTyTSgyVfkFHzKw=");
    }

    @Test
    void seedOutOfRangeIsRefused() {
        assertThatThrownBy(() -> new CommunityId(65536)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Flows of a real capture: UDP and ICMP echo over IPv4 and IPv6 loopback. Expected ids
     * computed with Python's hashlib from the tuples tshark shows for the first packet of each.
     */
    @Test
    void flowsOfACapture() throws IOException {
        List<Flow> flows = CapturedFlows.of("udp_ping.pcap");
        Map<String, String> ids = new TreeMap<>();
        CommunityId c = new CommunityId(0);
        for (Flow f : flows) {
            ids.put(FlowColumns.protocolName(f.protocol) + " v" + f.ipVersion, c.of(f));
        }
        assertThat(ids).containsExactlyInAnyOrderEntriesOf(Map.of(
                "UDP v4", "1:PmfhnRpwqpEd5t1HlWGHU9rAt7w=",
                "UDP v6", "1:sI/uCkl/kdOql1BR7ql6nN+sBeY=",
                "ICMP v4", "1:PRCVIRO2XedYcoD1kwnYlWfzz28=",
                "ICMPv6 v6", "1:gwUCjL48AExQFC0IDZx6AU/nkEk="));
    }

    /** Flows that start with the reply (the requests filtered out) get the request's id, and the reply's type. */
    @Test
    void flowsThatStartWithTheReply() throws IOException {
        List<Flow> flows = CapturedFlows.of("echo_replies.pcap");
        CommunityId c = new CommunityId(0);
        Map<String, String> ids = new TreeMap<>();
        Map<String, Integer> types = new TreeMap<>();
        for (Flow f : flows) {
            ids.put(FlowColumns.protocolName(f.protocol), c.of(f));
            types.put(FlowColumns.protocolName(f.protocol), CommunityId.icmpTypeAndCode(f)[0]);
        }
        assertThat(ids).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ICMP", "1:PRCVIRO2XedYcoD1kwnYlWfzz28=",
                "ICMPv6", "1:gwUCjL48AExQFC0IDZx6AU/nkEk="));
        assertThat(types).containsExactlyInAnyOrderEntriesOf(Map.of("ICMP", 0, "ICMPv6", 129));
    }
}
