package org.flowmeter.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeatureUnitTest {
    @Test
    void unitsFollowEachFeatureSetsConventions() {
        assertThat(FeatureUnit.of("flowDuration")).isEqualTo(FeatureUnit.NANOSECONDS);
        assertThat(FeatureUnit.of("IATMean")).isEqualTo(FeatureUnit.NANOSECONDS);
        assertThat(FeatureUnit.of("Flow Duration")).isEqualTo(FeatureUnit.MICROSECONDS);
        assertThat(FeatureUnit.of("Fwd IAT Std")).isEqualTo(FeatureUnit.MICROSECONDS);
        assertThat(FeatureUnit.of("Idle Max")).isEqualTo(FeatureUnit.MICROSECONDS);
        assertThat(FeatureUnit.of("flowLength")).isEqualTo(FeatureUnit.PACKETS);
        assertThat(FeatureUnit.of("Total Fwd Packet")).isEqualTo(FeatureUnit.PACKETS);
        assertThat(FeatureUnit.of("Total Length of Fwd Packet")).isEqualTo(FeatureUnit.BYTES);
        assertThat(FeatureUnit.of("packetSizeMean")).isEqualTo(FeatureUnit.BYTES);
        assertThat(FeatureUnit.of("Fwd Header Length")).isEqualTo(FeatureUnit.BYTES);
        assertThat(FeatureUnit.of("xchFwdMessageBytesMax")).isEqualTo(FeatureUnit.BYTES);
        assertThat(FeatureUnit.of("fwdPacketSizeTotalPerTime")).isEqualTo(FeatureUnit.BYTES_PER_NANOSECOND);
        assertThat(FeatureUnit.of("flowLengthPerTime")).isEqualTo(FeatureUnit.PACKETS_PER_NANOSECOND);
        assertThat(FeatureUnit.of("Flow Bytes/s")).isEqualTo(FeatureUnit.BYTES_PER_SECOND);
        assertThat(FeatureUnit.of("Fwd Packets/s")).isEqualTo(FeatureUnit.PACKETS_PER_SECOND);
        assertThat(FeatureUnit.of("Down/Up Ratio")).isEqualTo(FeatureUnit.RATIO);
        assertThat(FeatureUnit.of("xchFwdRepeatShare")).isEqualTo(FeatureUnit.RATIO);
        assertThat(FeatureUnit.of("ICMP Type")).isEqualTo(FeatureUnit.CODE);
        assertThat(FeatureUnit.of("ctxSrcHosts")).isEqualTo(FeatureUnit.COUNT);
        assertThat(FeatureUnit.of("SYN Flag Count")).isEqualTo(FeatureUnit.COUNT);
        assertThat(FeatureUnit.of("flow_duration_us")).isEqualTo(FeatureUnit.MICROSECONDS);
    }

    @Test
    void valuesPrintWithUnitAndPrefix() {
        assertThat(FeatureUnit.NANOSECONDS.format(1e6)).isEqualTo("1 ms");
        assertThat(FeatureUnit.NANOSECONDS.format(100)).isEqualTo("100 ns");
        assertThat(FeatureUnit.NANOSECONDS.format(2.5e10)).isEqualTo("25 s");
        assertThat(FeatureUnit.MICROSECONDS.format(1000)).isEqualTo("1 ms");
        assertThat(FeatureUnit.BYTES.format(1500)).isEqualTo("1.5 kB");
        assertThat(FeatureUnit.BYTES.format(40)).isEqualTo("40 B");
        assertThat(FeatureUnit.BYTES.format(0)).isEqualTo("0");
        assertThat(FeatureUnit.BYTES_PER_NANOSECOND.format(0.001)).isEqualTo("1 MB/s");
        assertThat(FeatureUnit.PACKETS_PER_SECOND.format(20000)).isEqualTo("20k/s");
        assertThat(FeatureUnit.COUNT.format(12)).isEqualTo("12");
        assertThat(FeatureUnit.RATIO.format(0.25)).isEqualTo("0.25");
        assertThat(FeatureUnit.PACKETS.format(123456)).isEqualTo("123k");
    }
}
