package org.flowmeter.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.flowmeter.engine.FlowSettings;
import org.flowmeter.engine.ModelSettings;
import org.flowmeter.engine.OptionException;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.feature.FeatureSets;
import org.flowmeter.model.FlowModel;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The flow options read into the engine's record: the defaults shown in help are the engine's. */
class FlowOptionsTest {
    @Command(name = "host")
    static final class Host {
        @Mixin
        FlowOptions flow;
    }

    private static FlowOptions parse(String... args) {
        Host host = new Host();
        new CommandLine(host).parseArgs(args);
        return host.flow;
    }

    @Test
    void noOptionGivesTheEngineDefaults() {
        assertThat(parse().settings()).isEqualTo(FlowSettings.defaults());
    }

    @Test
    void everyOptionReachesItsField() {
        FlowSettings s = parse("--idle-timeout", "2m", "--active-timeout", "600s", "--tcp-linger", "500ms",
                "--tcp-new-timeout", "10s", "--udp-timeout", "20s", "--icmp-timeout", "3s", "--max-flows", "7",
                "--memory-cap", "64M", "--local-net", "10.0.0.0/8", "--local-net", "192.168.1.0/24", "--cic-compat",
                "--features", "deepfence,context", "--ignore-vlan").settings();
        assertThat(s).isEqualTo(new FlowSettings(Duration.ofMinutes(2), Duration.ofSeconds(600), Duration.ofMillis(500),
                Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(3), 7, 64L << 20,
                List.of("10.0.0.0/8", "192.168.1.0/24"), true, "deepfence,context", true));
    }

    @Test
    void aBadDurationIsAUsageError() {
        assertThatThrownBy(() -> parse("--idle-timeout", "soon")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--idle-timeout");
    }

    @Test
    void theModelDecidesTheFeatureSetsAndOtherSetsAskedForAreRefused() throws Exception {
        FlowModel model = ModelSettings.bundled().load();
        List<String> modelSets = names(FeatureSets.parse(model.featureSet()));
        assertThat(modelSets).as("the bundled model reads more than the default set").hasSizeGreaterThan(1);
        assertThat(names(parse().featureSetsFor(model))).as("--features not given").isEqualTo(modelSets);
        assertThat(names(parse("--features", model.featureSet()).featureSetsFor(model))).isEqualTo(modelSets);
        assertThatThrownBy(() -> parse("--features", "deepfence").featureSetsFor(model))
                .isInstanceOf(OptionException.class).hasMessageStartingWith("--features: the model uses ");
    }

    private static List<String> names(List<FeatureSet> sets) {
        return sets.stream().map(FeatureSet::name).toList();
    }
}
