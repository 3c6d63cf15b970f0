package org.flowmeter.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.flowmeter.training.TrainingSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The options of thinned copies, the worst benign source and leave-one-group-out, which both train commands take. */
class TrainingOptionsTest {
    @Command(name = "host")
    static final class Host {
        @Mixin
        TrainingOptions training;
    }

    private static TrainingOptions parse(String... args) {
        Host host = new Host();
        new CommandLine(host).parseArgs(args);
        return host.training;
    }

    @Test
    void withoutThemTheEngineDefaultsHold() {
        TrainingSettings none = parse().settings();
        assertThat(none).isEqualTo(TrainingSettings.defaults());
        assertThat(parse().leaveOneGroupOut()).isNull();
    }

    @Test
    void eachReachesItsSetting() {
        TrainingSettings thinned = parse("--thinned-copies", "3", "--thinning", "8").settings();
        assertThat(thinned.thinnedCopies()).isEqualTo(3);
        assertThat(thinned.thinning()).isEqualTo(8);
        TrainingSettings worst = parse("--model-kind", "gbt", "--worst-source-fpr", "0.02", "--sources", "s.csv").settings();
        assertThat(worst.worstSourceFpr()).isEqualTo(0.02);
        assertThat(worst.sources()).isEqualTo(Path.of("s.csv"));
        assertThat(parse("--leave-one-group-out", "g.csv").leaveOneGroupOut()).isEqualTo(Path.of("g.csv"));
    }
}
