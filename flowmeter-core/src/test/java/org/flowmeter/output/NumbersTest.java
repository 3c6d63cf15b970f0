package org.flowmeter.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NumbersTest {

    private static String format(double v) {
        TextBuffer sb = new TextBuffer();
        Numbers.append(sb, v);
        return sb.toString();
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0", "1376, 1376", "-5, -5", "275.2, 275.2", "88, 88", "0.1376, 0.1376",
        "0.0005, 0.0005", "3.1545741324921135E-6, 3.15457413249E-6", "1.2E-7, 1.2E-7",
        "352222.22222222225, 352222.222222", "112.49999999999999, 112.5", "9.9999999999999, 10",
        "1.0E20, 1E20", "1.5E20, 1.5E20", "0.1, 0.1", "2480000.5, 2480000.5",
        "-0.25, -0.25", "143.8585763866722, 143.858576387"
    })
    void formats(double value, String expected) {
        assertThat(format(value)).isEqualTo(expected);
    }

    @Test
    void parsesBackToTwelveSignificantDigits() {
        Random r = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            double v = Math.pow(10, r.nextInt(40) - 20) * r.nextDouble() * (r.nextBoolean() ? 1 : -1);
            double back = Double.parseDouble(format(v));
            assertThat(back).isCloseTo(v, within(Math.abs(v) * 1e-11 + Double.MIN_VALUE));
        }
    }
}
