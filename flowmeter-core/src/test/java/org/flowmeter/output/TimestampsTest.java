package org.flowmeter.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimestampsTest {
    // 2026-11-26T19:44:30Z is 1795722270 s after the epoch (date -u -d @1795722270).
    private static final long NANOS = 1_795_722_270_095_740_123L;

    @Test
    void microsecondsTruncatedInEveryForm() {
        assertThat(Timestamps.epochSeconds(NANOS)).isEqualTo("1795722270.095740");
        assertThat(Timestamps.iso(NANOS)).isEqualTo("2026-11-26T19:44:30.095740Z");
        assertThat(Timestamps.eve(NANOS)).isEqualTo("2026-11-26T19:44:30.095740+0000");
        assertThat(Timestamps.epochMicros(NANOS)).isEqualTo(1_795_722_270_095_740L);
    }

    @Test
    void beforeTheEpochRoundsDown() {
        assertThat(Timestamps.epochSeconds(-1)).isEqualTo("-1.999999");
        assertThat(Timestamps.iso(-1)).isEqualTo("1969-12-31T23:59:59.999999Z");
        assertThat(Timestamps.epochSeconds(0)).isEqualTo("0.000000");
    }
}
