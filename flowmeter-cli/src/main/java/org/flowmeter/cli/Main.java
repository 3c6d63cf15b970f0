package org.flowmeter.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code flowmeter} command. */
@Command(name = "flowmeter",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Packets to bidirectional flows, flow features and a malicious-traffic pre-filter.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (0 ok, 1 failure, 2 usage). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }
}
