package org.flowmeter.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {
    private static boolean contains(String network, String address) {
        long[] a = IpAddresses.parse(address);
        return Cidr.parse(network).contains(IpAddresses.isIpv6(address) ? 6 : 4, a[0], a[1]);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "10.0.0.0/8, 10.255.1.2, true",
            "10.0.0.0/8, 11.0.0.0, false",
            "10.0.0.0/8, 9.255.255.255, false",
            "192.168.1.0/24, 192.168.1.255, true",
            "192.168.1.0/24, 192.168.2.1, false",
            "172.16.0.0/12, 172.31.255.255, true",
            "172.16.0.0/12, 172.32.0.0, false",
            "0.0.0.0/0, 203.0.113.9, true",
            "0.0.0.0/0, ::1, false",
            "198.51.100.7, 198.51.100.7, true",
            "198.51.100.7, 198.51.100.8, false",
            "10.1.2.3/8, 10.9.9.9, true",
            "fd00::/8, fd12:3456::1, true",
            "fd00::/8, fe80::1, false",
            "fd00::/8, 10.0.0.1, false",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::, false",
            "2001:db8:0:0:8000::/65, 2001:db8::8000:0:0:1, true",
            "2001:db8:0:0:8000::/65, 2001:db8::7fff:0:0:1, false",
            "2001:db8::1/128, 2001:db8::1, true",
            "2001:db8::1/128, 2001:db8::2, false",
            "2001:db8::1, 2001:db8::1, true",
            "::/0, 2001:db8::1, true",
            "::/0, 0.0.0.0, false",
    })
    void contains(String network, String address, boolean expected) {
        assertThat(contains(network, address)).isEqualTo(expected);
    }

    @Test
    void clearsHostBitsAndPrintsCanonically() {
        assertThat(Cidr.parse("10.1.2.3/8")).hasToString("10.0.0.0/8").isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("FD00:0::1/8")).hasToString("fd00::/8");
        assertThat(Cidr.parse("192.0.2.1")).hasToString("192.0.2.1/32");
        assertThat(Cidr.parse("::1").prefixLength()).isEqualTo(128);
        assertThat(Cidr.parse("::1").ipVersion()).isEqualTo(6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/a", "/8", "10.0.0/8"})
    void rejectsBadNetworks(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
