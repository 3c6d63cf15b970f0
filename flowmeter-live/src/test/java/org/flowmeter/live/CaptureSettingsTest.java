package org.flowmeter.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CaptureSettingsTest {
    @Test
    void theQueueArenaIsWhatItsSlotsCanFillAndAlwaysHoldsAFewOfTheLargestPackets() {
        assertThat(CaptureSettings.withSnaplen(256).queueArenaBytes()).isEqualTo(65536 * 256);
        assertThat(CaptureSettings.withSnaplen(262144).queueArenaBytes()).isEqualTo(32 << 20);
        assertThat(new CaptureSettings(262144, 1 << 20, 1000).queueArenaBytes()).isEqualTo(4 * 262144);
    }

    @Test
    void refusesSizesLibpcapCannotTake() {
        assertThatThrownBy(() -> new CaptureSettings(256, 3L << 30, 1 << 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CaptureSettings(0, 1 << 20, 1 << 20)).isInstanceOf(IllegalArgumentException.class);
    }
}
