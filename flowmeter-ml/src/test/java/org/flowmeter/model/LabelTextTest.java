package org.flowmeter.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelTextTest {
    @Test
    void cicNamesAndBooleansAndNumbersReadAlike() {
        assertThat(LabelText.isMalicious("BENIGN", "BENIGN")).isFalse();
        assertThat(LabelText.isMalicious(" benign ", "BENIGN")).isFalse();
        assertThat(LabelText.isMalicious("DoS Hulk", "BENIGN")).isTrue();
        assertThat(LabelText.isMalicious("0", "BENIGN")).isFalse();
        assertThat(LabelText.isMalicious("0.0", "BENIGN")).isFalse();
        assertThat(LabelText.isMalicious("1", "BENIGN")).isTrue();
        assertThat(LabelText.isMalicious("false", "BENIGN")).isFalse();
        assertThat(LabelText.isMalicious("true", "BENIGN")).isTrue();
        assertThat(LabelText.isMalicious("Normal", "BENIGN")).isFalse();
        assertThat(LabelText.isMalicious("attack", "BENIGN")).isTrue();
    }

    @Test
    void aChosenBenignValueAndBlankCells() {
        assertThat(LabelText.isMalicious("clean", "clean")).isFalse();
        assertThat(LabelText.isMalicious("BENIGN", "clean")).isFalse();
        assertThat(LabelText.isMalicious("", "BENIGN")).isNull();
        assertThat(LabelText.isMalicious("  ", "BENIGN")).isNull();
        assertThat(LabelText.isMalicious(null, "BENIGN")).isNull();
    }
}
