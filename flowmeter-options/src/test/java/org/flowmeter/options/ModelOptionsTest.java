package org.flowmeter.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.flowmeter.engine.ModelSettings;
import org.flowmeter.engine.OptionException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code --model}, {@code --model-deepfence} and the {@code --threshold} that overrides either model's own. */
class ModelOptionsTest {
    @Command(name = "host")
    static final class Host {
        @Mixin
        ModelOptions model;
    }

    private static ModelOptions parse(String... args) {
        Host host = new Host();
        new CommandLine(host).parseArgs(args);
        return host.model;
    }

    @Test
    void theOptionsReachTheRecord() {
        assertThat(parse().settings()).isEqualTo(ModelSettings.bundled());
        assertThat(parse("--model", "m.json", "--threshold", "0.25").settings())
                .isEqualTo(new ModelSettings(Path.of("m.json"), null, 0.25));
        assertThat(parse("--model-deepfence", "params").settings()).isEqualTo(new ModelSettings(null, Path.of("params"), null));
        assertThat(parse("--model-deepfence", "params").describe()).isEqualTo("params (Deepfence parameters)");
        assertThat(parse().describe()).isEqualTo("bundled default model");
    }

    @Test
    void theThresholdOverridesTheModelsOwn() throws Exception {
        double own = parse().load().threshold();
        double other = own == 0.25 ? 0.5 : 0.25;
        assertThat(parse("--threshold", Double.toString(other)).load().threshold()).isEqualTo(other);
    }

    @Test
    void aThresholdOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> parse("--threshold", "1.5").load()).isInstanceOf(OptionException.class)
                .hasMessage("--threshold must be from 0 to 1 (a score is a probability)");
    }

    @Test
    void aModelFileAndDeepfenceParametersExcludeEachOther() {
        assertThatThrownBy(() -> parse("--model", "m.json", "--model-deepfence", "params"))
                .isInstanceOf(CommandLine.MutuallyExclusiveArgsException.class);
    }
}
