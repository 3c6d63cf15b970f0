package org.flowmeter.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.decode.IpAddresses;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.decode.SkipReason;
import org.flowmeter.pcap.Captures;
import org.flowmeter.pcap.PacketSource;
import org.junit.jupiter.api.Test;

/**
 * fixtures/captures/tunnels.pcap (built byte by byte by fixtures/make-tunnels.py): GRE, ERSPAN I-III,
 * VXLAN, MPLS, IP-in-IP five deep, a tiny-fragment SYN, protocols without ports and one conversation
 * on two VLANs. The expected flows are the innermost conversations tshark 4.0 lists with
 * {@code tshark -r tunnels.pcap -q -z conv,ip -z conv,ipv6 -z conv,tcp -z conv,udp}, frames and
 * bytes included. Where the two differ by design: tshark counts the two fragments of the SYN once
 * in conv,tcp (reassembled) but as 2 frames in conv,ip (3 frames, 142 bytes, what we count); and
 * tshark does not key conversations by VLAN (one UDP conversation of 4 frames, 188 bytes), which
 * we give with VLANs ignored.
 */
class TunnelCaptureTest {
    private static final Path CAPTURE = Path.of("").toAbsolutePath().getParent()
            .resolve("fixtures/captures/tunnels.pcap");

    private static List<String> flows(boolean vlanInKey, PacketDecoder decoder) throws IOException {
        List<String> rows = new ArrayList<>();
        FlowMeter meter = new FlowMeter(FlowConfig.defaults(), List.of(), f -> rows.add(
                f.protocol + " " + IpAddresses.formatAddress(f.ipVersion, f.srcHi, f.srcLo) + ":" + f.srcPort + " "
                        + IpAddresses.formatAddress(f.ipVersion, f.dstHi, f.dstLo) + ":" + f.dstPort
                        + " vlan " + f.vlan + " " + f.packets() + " pkts " + f.bytes() + " bytes"));
        decoder.setVlanInKey(vlanInKey);
        try (PacketSource source = Captures.open(CAPTURE)) {
            new FlowPipeline(decoder, meter).run(source, null);
        } finally {
            meter.finish();
        }
        return rows;
    }

    @Test
    void everyTunnelAndProtocolGivesTheFlowTsharkShows() throws IOException {
        PacketDecoder decoder = new PacketDecoder();
        assertThat(flows(true, decoder)).containsExactlyInAnyOrder(
                "6 10.1.0.1:40000 10.1.0.2:80 vlan 0 2 pkts 172 bytes",          // GRE, key and sequence
                "17 10.2.0.1:5000 10.2.0.2:53 vlan 0 1 pkts 85 bytes",           // GRE, transparent Ethernet
                "17 10.3.0.1:1111 10.3.0.2:2222 vlan 0 1 pkts 81 bytes",         // ERSPAN I
                "6 10.4.0.1:1234 10.4.0.2:443 vlan 0 2 pkts 208 bytes",          // ERSPAN II
                "17 10.5.0.1:3333 10.5.0.2:4444 vlan 0 2 pkts 204 bytes",        // ERSPAN III
                "6 10.6.0.1:5555 10.6.0.2:22 vlan 30 1 pkts 108 bytes",          // VXLAN, tagged inside
                "17 10.7.0.1:7 10.7.0.2:7 vlan 0 1 pkts 54 bytes",               // MPLS, two labels
                "17 2001:db8::1:8000 2001:db8::2:8001 vlan 0 1 pkts 67 bytes",   // MPLS multicast, IPv6
                "17 2001:db8::11:9000 2001:db8::12:9001 vlan 0 1 pkts 166 bytes", // five tunnels deep
                "6 172.16.0.1:6666 172.16.0.2:80 vlan 0 3 pkts 142 bytes",       // tiny first fragment
                "132 10.9.0.1:5000 10.9.0.2:6000 vlan 0 1 pkts 66 bytes",        // SCTP
                "50 10.9.0.1:0 10.9.0.3:0 vlan 0 2 pkts 116 bytes",              // ESP
                "89 10.9.0.1:0 224.0.0.5:0 vlan 0 1 pkts 78 bytes",              // OSPF
                "2 10.9.0.4:0 224.0.0.22:0 vlan 0 1 pkts 42 bytes",              // IGMP
                "112 10.9.0.5:0 224.0.0.18:0 vlan 0 1 pkts 54 bytes",            // VRRP
                "47 10.9.0.6:0 10.9.0.7:0 vlan 0 1 pkts 46 bytes",               // GRE version 1, not followed
                "17 10.10.0.1:1000 10.10.0.2:2000 vlan 10 2 pkts 94 bytes",
                "17 10.10.0.1:1000 10.10.0.2:2000 vlan 20 2 pkts 94 bytes");
        assertThat(decoder.decoded()).isEqualTo(26);
        assertThat(decoder.describeSkipped(SkipReason.NON_IP)).isEqualTo("non-IP 1 (EtherType 0x0806: 1)");
        // The PPTP packet: enhanced GRE is not followed.
        assertThat(decoder.tunnelsNotFollowed()).isEqualTo(1);
    }

    @Test
    void withVlansIgnoredOneConversationOnTwoVlansIsOneFlow() throws IOException {
        List<String> flows = flows(false, new PacketDecoder());
        assertThat(flows).hasSize(17)
                .contains("17 10.10.0.1:1000 10.10.0.2:2000 vlan 0 4 pkts 188 bytes",
                        "6 10.6.0.1:5555 10.6.0.2:22 vlan 0 1 pkts 108 bytes");
    }
}
