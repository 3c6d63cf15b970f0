package org.flowmeter.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.flowmeter.engine.LabelSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The label rules read into the engine's record, with the inputs the front end names. */
class LabelRuleOptionsTest {
    private static LabelRuleOptions parse(String... args) {
        LabelRuleOptions parsed = new LabelRuleOptions();
        new CommandLine(parsed).parseArgs(args);
        return parsed;
    }

    @Test
    void theRulesReachTheRecord() {
        LabelSettings s = parse("--malicious-host", "10.0.0.5", "--malicious-host", "192.168.0.0/16", "--labels", "l.csv",
                "--label-column", "Label", "--benign-value", "normal")
                .settings(List.of("a.pcap"), List.of("b.pcap"), List.of("c.pcap"));
        assertThat(s).isEqualTo(new LabelSettings(List.of("a.pcap"), List.of("b.pcap"), List.of("c.pcap"),
                List.of("10.0.0.5", "192.168.0.0/16"), Path.of("l.csv"), "Label", "normal"));
    }

    @Test
    void withoutRulesOnlyPerInputLabelsCount() {
        LabelSettings none = parse().settings(List.of("a.pcap"), List.of(), List.of());
        assertThat(none.benignValue()).isEqualTo("BENIGN");
        assertThat(none.hasLabels()).isFalse();
        assertThat(parse().settings(List.of(), List.of("b.pcap"), List.of()).hasLabels()).isTrue();
    }
}
