package org.flowmeter.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogScaleTest {
    @TempDir
    Path dir;

    @Test
    void scaleIsTheMedianNonZeroMagnitude() {
        double[][] rows = {{0, 5, 0}, {2, -1, 0}, {8, 3, 0}, {4, 0, 0}};
        // column 0: non-zero 2, 4, 8 -> median 4; column 1: 1, 3, 5 -> 3; column 2: all zero -> 1
        assertThat(LogScale.fit(rows, 3)).containsExactly(4, 3, 1);
    }

    @Test
    void compressionKeepsSignAndZero() {
        assertThat(LogScale.apply(0, 7)).isZero();
        assertThat(LogScale.apply(4, 4)).isCloseTo(Math.log(2), within(1e-15));
        assertThat(LogScale.apply(-4, 4)).isCloseTo(-Math.log(2), within(1e-15));
        assertThat(LogScale.apply(1e12, 1)).isCloseTo(Math.log1p(1e12), within(1e-9));
    }

    private static LogisticModel model() {
        return new LogisticModel("test", new String[] {"a", "b"}, new double[] {0.5, 1}, new double[] {2, 4},
                new double[] {1.5, -0.5}, 0.25, 0.5, Map.of(), new double[] {10, 100});
    }

    @Test
    void modelCompressesRawInputsBeforeScaling() {
        double[] raw = {30, 300};
        double a = (Math.log1p(3) - 0.5) / 2;
        double b = (Math.log1p(3) - 1) / 4;
        assertThat(model().decision(raw)).isCloseTo(0.25 + 1.5 * a - 0.5 * b, within(1e-12));
    }

    @Test
    void jsonRoundTripKeepsTheScalesAndDeepfenceFilesRefuseThem() throws IOException {
        Path file = dir.resolve("m.json");
        ModelFiles.write(model(), file);
        LogisticModel back = ModelFiles.read(file);
        assertThat(back).isEqualTo(model());
        assertThat(back.logScale()).containsExactly(10, 100);
        assertThatThrownBy(() -> DeepfenceParams.write(back, dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--no-log-transform");
    }
}
