package org.flowmeter.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SizeConverterTest {
    private final SizeConverter converter = new SizeConverter();

    @Test
    void suffixesAreBinaryMultiples() {
        assertThat(converter.convert("1000")).isEqualTo(1000L);
        assertThat(converter.convert("64K")).isEqualTo(64L << 10);
        assertThat(converter.convert("100M")).isEqualTo(100L << 20);
        assertThat(converter.convert("2g")).isEqualTo(2L << 30);
        assertThat(converter.convert("5MiB")).isEqualTo(5L << 20);
    }

    @Test
    void rejectsWhatIsNotASize() {
        assertThatThrownBy(() -> converter.convert("lots")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> converter.convert("0")).isInstanceOf(TypeConversionException.class);
    }

    @org.junit.jupiter.api.Test
    void theOrZeroVariantAcceptsZero() {
        SizeConverter orZero = new SizeConverter.OrZero();
        org.assertj.core.api.Assertions.assertThat(orZero.convert("0")).isZero();
        org.assertj.core.api.Assertions.assertThat(orZero.convert("64M")).isEqualTo(64L << 20);
    }
}
