package org.flowmeter.options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flowmeter.engine.LabelSettings;
import picocli.CommandLine.Option;

/**
 * How a flow gets its label: by the hosts it touches ({@code --malicious-host}, {@code --labels})
 * or by a column of a flow table ({@code --label-column}, {@code --benign-value}). Which inputs
 * are read is the front end's own (the command line's INPUT, {@code --benign}, {@code --malicious}).
 */
public class LabelRuleOptions {
    @Option(names = "--malicious-host", paramLabel = "IP|CIDR",
            description = "A flow touching this address or network is malicious, any other benign (repeatable).")
    List<String> maliciousHosts = new ArrayList<>();

    @Option(names = "--labels", paramLabel = "FILE",
            description = "CSV with columns ip (address or CIDR) and label (malicious|benign).")
    Path labelsFile;

    @Option(names = "--label-column", paramLabel = "NAME", description = "Label column of flow tables.")
    String labelColumn;

    @Option(names = "--benign-value", paramLabel = "VALUE", defaultValue = "BENIGN",
            description = "Value of the label column for benign flows (default: ${DEFAULT-VALUE}).")
    String benignValue;

    /** These rules over the inputs given, as the engine takes them. */
    public LabelSettings settings(List<String> inputs, List<String> benign, List<String> malicious) {
        return new LabelSettings(inputs, benign, malicious, maliciousHosts, labelsFile, labelColumn, benignValue);
    }
}
