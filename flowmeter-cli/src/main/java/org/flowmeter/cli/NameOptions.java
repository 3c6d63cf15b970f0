package org.flowmeter.cli;

import org.flowmeter.output.NamingScheme;
import picocli.CommandLine.Option;

/** {@code --names}: how the columns of written tables are titled (eve keeps Suricata's names). */
final class NameOptions {
    @Option(names = "--names", paramLabel = "SCHEME", defaultValue = "flowmeter",
            description = "Column titles in csv, jsonl and parquet: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: "
                    + "camelCase throughout, Deepfence's names for its columns; cic: CIC-IDS2017's exact names for CIC's columns).")
    NamingScheme scheme;

    NamingScheme scheme() {
        return scheme == null ? NamingScheme.flowmeter : scheme;
    }
}
