package org.flowmeter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The top-level command: only the named subcommand is built, and help still sees them all. */
class MainTest {
    private static final String[] SUBCOMMANDS = {"extract", "classify", "train", "evaluate", "report", "live", "interfaces"};

    @Test
    void generalHelpListsEverySubcommand() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(SUBCOMMANDS);
    }

    @Test
    void noSubcommandIsAUsageErrorListingThemAll() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(SUBCOMMANDS);
    }

    @Test
    void helpOfOneSubcommandByEitherSpelling() {
        for (String command : SUBCOMMANDS) {
            CliRun viaHelp = CliRun.of("help", command);
            CliRun viaOption = CliRun.of(command, "--help");
            assertThat(viaHelp.exitCode()).isZero();
            assertThat(viaOption.exitCode()).isZero();
            assertThat(viaHelp.out()).startsWith("Usage: flowmeter " + command);
            assertThat(viaOption.out()).isEqualTo(viaHelp.out());
        }
    }

    @Test
    void onlyTheNamedSubcommandIsRegistered() {
        assertThat(Main.commandLine("extract", "x.pcap").getSubcommands()).containsOnlyKeys("extract");
        assertThat(Main.commandLine("--help").getSubcommands()).containsKeys(SUBCOMMANDS).containsKey("help");
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        CliRun run = CliRun.of("bogus");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bogus");
    }

    /** As root a mode-000 file still opens, so the exception itself is handed over. */
    @Test
    void anUnreadableFileIsOneClearLine() {
        String line = Main.describe(new java.io.UncheckedIOException(new java.nio.file.AccessDeniedException("/data/x.pcap")));
        assertThat(line).isEqualTo("/data/x.pcap: permission denied");
    }
}
