package org.flowmeter.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.flowmeter.feature.CicFlows.MILLIS;
import static org.flowmeter.feature.CicFlows.flow;
import static org.flowmeter.flow.Packets.ipv6;
import static org.flowmeter.flow.Packets.payload;

import java.util.List;
import java.util.Map;
import org.flowmeter.decode.DecodedPacket;
import org.flowmeter.flow.Packets;
import org.junit.jupiter.api.Test;

/** IPv6 flows and the ICMP columns. */
class CicAddressFamiliesTest {
    private static final double E = 1e-6;

    private static DecodedPacket udp6(long nanos, boolean forward, int data) {
        DecodedPacket p = forward
                ? ipv6(Packets.udp(nanos, "0.0.0.0", 5353, "0.0.0.0", 53, 0), "2001:db8::1", "2001:db8::2")
                : ipv6(Packets.udp(nanos, "0.0.0.0", 53, "0.0.0.0", 5353, 0), "2001:db8::2", "2001:db8::1");
        return payload(p, 8, data);
    }

    @Test
    void ipv6UdpFlow() {
        Map<String, Double> v = flow(List.of(
                udp6(0, true, 100), udp6(2 * MILLIS, false, 50), udp6(4 * MILLIS, true, 100)));
        assertThat(v.get("Total Fwd Packet")).isEqualTo(2);
        assertThat(v.get("Total Bwd packets")).isEqualTo(1);
        assertThat(v.get("Total Length of Fwd Packet")).isEqualTo(200);
        assertThat(v.get("Total Length of Bwd Packet")).isEqualTo(50);
        assertThat(v.get("Flow Duration")).isEqualTo(4000);
        assertThat(v.get("Flow IAT Mean")).isCloseTo(2000, within(E));
        assertThat(v.get("Fwd IAT Total")).isEqualTo(4000);
        assertThat(v.get("Flow Bytes/s")).isCloseTo(250 / 0.004, within(E));
        assertThat(v.get("Packet Length Mean")).isCloseTo(250 / 3.0, within(E));
        assertThat(v.get("Fwd Header Length")).isEqualTo(16);
        assertThat(v.get("Bwd Header Length")).isEqualTo(8);
        assertThat(v.get("Fwd Act Data Pkts")).isEqualTo(2);
        assertThat(v.get("Fwd Seg Size Min")).isEqualTo(8);
        assertThat(v.get("FWD Init Win Bytes")).isZero();
        assertThat(v.get("ICMP Type")).isEqualTo(-1);
        assertThat(v.get("Total TCP Flow Time")).isZero();
    }

    @Test
    void icmpTypeAndCodeOfTheFirstMessage() {
        Map<String, Double> v = flow(List.of(
                payload(Packets.icmp(0, "10.0.0.1", "10.0.0.2", 8, 0, 98), 8, 56),
                payload(Packets.icmp(MILLIS, "10.0.0.2", "10.0.0.1", 0, 0, 98), 8, 56)));
        assertThat(v.get("ICMP Type")).isEqualTo(8);
        assertThat(v.get("ICMP Code")).isZero();
        assertThat(v.get("Total Bwd packets")).isEqualTo(1);
        assertThat(v.get("Total TCP Flow Time")).isZero();
    }

    @Test
    void icmpv6Unreachable() {
        DecodedPacket p = ipv6(Packets.icmp(0, "0.0.0.0", "0.0.0.0", 1, 4, 120), "2001:db8::9", "2001:db8::1");
        p.protocol = DecodedPacket.ICMPV6;
        Map<String, Double> v = flow(List.of(payload(p, 8, 72)));
        assertThat(v.get("ICMP Type")).isEqualTo(1);
        assertThat(v.get("ICMP Code")).isEqualTo(4);
    }
}
