package org.flowmeter.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IpAddressesTest {
    @Test
    void formatsIpv4() {
        assertThat(IpAddresses.formatAddress(4, 0, 0xC0A8_0001L)).isEqualTo("192.168.0.1");
        assertThat(IpAddresses.formatAddress(4, 0, 0xFFFF_FFFFL)).isEqualTo("255.255.255.255");
        assertThat(IpAddresses.formatAddress(4, 0, 0)).isEqualTo("0.0.0.0");
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource({
            // RFC 5952 section 4: lower case, no leading zeros, "::" for the longest zero run.
            "20010db800000000, 0000000000000001, 2001:db8::1",
            "20010db800000000, 0001000000000001, 2001:db8::1:0:0:1",
            // A single zero group is not compressed.
            "20010db800000001, 0001000100010001, 2001:db8:0:1:1:1:1:1",
            // Longest run wins; the first one on ties.
            "20010db800000000, 0001000000000000, 2001:db8:0:0:1::",
            "2001000000000001, 0000000000000001, 2001:0:0:1::1",
            "20010db800000001, 0000000000000001, 2001:db8:0:1::1",
            "20010db8000000ff, 00000000000000ff, 2001:db8:0:ff::ff",
            "0000000000000000, 0000000000000000, ::",
            "0000000000000000, 0000000000000001, ::1",
            "0001000000000000, 0000000000000000, 1::",
            "fe80000000000000, 02000000000000ab, fe80::200:0:0:ab",
            "abcdef0123456789, abcdef0123456789, abcd:ef01:2345:6789:abcd:ef01:2345:6789",
            // IPv4-mapped addresses get no dotted tail.
            "0000000000000000, 0000ffffc0a80001, ::ffff:c0a8:1",
    })
    void formatsIpv6Canonically(String hi, String lo, String expected) {
        long high = Long.parseUnsignedLong(hi, 16);
        long low = Long.parseUnsignedLong(lo, 16);
        assertThat(IpAddresses.formatAddress(6, high, low)).isEqualTo(expected);
        assertThat(IpAddresses.parse(expected)).containsExactly(high, low);
    }

    @Test
    void parsesNonCanonicalForms() {
        assertThat(IpAddresses.parse("2001:DB8:0:0:0:0:0:1")).containsExactly(0x2001_0DB8_0000_0000L, 1);
        assertThat(IpAddresses.parse("2001:db8::0:1")).containsExactly(0x2001_0DB8_0000_0000L, 1);
        assertThat(IpAddresses.parse("::ffff:192.168.0.1")).containsExactly(0, 0xFFFF_C0A8_0001L);
        assertThat(IpAddresses.parse("1:2:3:4:5:6:7::")).containsExactly(0x0001_0002_0003_0004L, 0x0005_0006_0007_0000L);
        assertThat(IpAddresses.parse("10.20.30.40")).containsExactly(0, 0x0A14_1E28L);
        assertThat(IpAddresses.isIpv6("::1")).isTrue();
        assertThat(IpAddresses.isIpv6("127.0.0.1")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "1..3.4", "a.b.c.d",
            "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", ":::", "12345::", "g::1", "1:2:3:4:5:6:7:8::",
            "fe80::1%eth0", "[::1]", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4", " 1.2.3.4"})
    void rejectsNonAddresses(String text) {
        assertThatThrownBy(() -> IpAddresses.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
