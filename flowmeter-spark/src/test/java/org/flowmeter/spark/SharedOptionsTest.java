package org.flowmeter.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flowmeter.cli.Main;
import org.flowmeter.options.DetectorOptions;
import org.flowmeter.options.FlowOptions;
import org.flowmeter.options.ModelOptions;
import org.flowmeter.options.TrainingOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The options both front ends take read and show alike: every option of the shared mixins is in
 * this job's command and in the flowmeter command it mirrors, with the same help text and default
 * (compared in the help each prints, whitespace aside). No Spark session is started.
 */
class SharedOptionsTest {
    /**
     * An option's entry starts at the left margin (picocli indents by 2 to 6); descriptions wrap far
     * right. A negatable option shows as --[no-]name and is keyed by --name.
     */
    private static final Pattern ENTRY = Pattern.compile("^ {2,6}(?:-\\w, )?--(?:\\[no-\\])?([\\w-]+)");

    @ParameterizedTest
    @CsvSource({"extract, extract, flow, 12", "classify-captures, classify, flow model detectors, 12",
        "classify, classify, model, 3", "train, train, training, 30"})
    void theSharedOptionsHaveTheHelpAndDefaultsOfTheCommandLine(String sparkCommand, String cliCommand, String mixins,
            int atLeast) {
        Map<String, String> spark = entries(FlowmeterSpark.commandLine().getSubcommands().get(sparkCommand).getUsageMessage());
        Map<String, String> cli = entries(cliHelp(cliCommand));
        List<String> shared = List.of(mixins.split(" ")).stream().flatMap(m -> optionNames(m).stream()).toList();
        assertThat(shared).hasSizeGreaterThanOrEqualTo(atLeast);
        for (String option : shared) {
            assertThat(spark).as("Spark's %s", sparkCommand).containsKey(option);
            assertThat(cli).as("flowmeter %s", cliCommand).containsKey(option);
            assertThat(spark.get(option)).as(option).isEqualTo(cli.get(option));
        }
    }

    private static List<String> optionNames(String mixin) {
        Object options = switch (mixin) {
            case "flow" -> new FlowOptions();
            case "model" -> new ModelOptions();
            case "detectors" -> new DetectorOptions();
            case "training" -> new TrainingOptions();
            default -> throw new IllegalArgumentException(mixin);
        };
        return CommandSpec.forAnnotatedObject(options).options().stream().map(o -> o.longestName()).toList();
    }

    /** Each option's help entry (names, parameter, description), whitespace collapsed. */
    private static Map<String, String> entries(String help) {
        Map<String, String> entries = new LinkedHashMap<>();
        String option = null;
        StringBuilder text = new StringBuilder();
        for (String line : (help + "\nEND").split("\\R")) {
            Matcher m = ENTRY.matcher(line);
            boolean continues = option != null && line.startsWith("       ") && !m.find(0);
            if (continues) {
                text.append(' ').append(line.trim());
                continue;
            }
            if (option != null) {
                entries.put(option, text.toString().replaceAll("\\s+", " "));
                option = null;
            }
            m.reset();
            if (m.find()) {
                option = "--" + m.group(1);
                text.setLength(0);
                text.append(line.trim());
            }
        }
        return entries;
    }

    private static String cliHelp(String command) {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(Main.run(command, "--help")).isZero();
        } finally {
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
