package org.flowmeter.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void unitsAndPlainSeconds() {
        assertThat(DurationText.parse("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(DurationText.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(DurationText.parse("7ns")).isEqualTo(Duration.ofNanos(7));
        assertThat(DurationText.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(DurationText.parse(" 20 MS ")).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void badTextNamesItself() {
        assertThatThrownBy(() -> DurationText.parse("soon")).hasMessageContaining("'soon' is not a duration");
        assertThatThrownBy(() -> DurationText.parse("5 weeks")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationText.parse("0")).hasMessageContaining("out of range");
    }
}
