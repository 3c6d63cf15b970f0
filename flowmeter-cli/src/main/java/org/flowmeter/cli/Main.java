package org.flowmeter.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Entry point of the {@code flowmeter} command. Exit codes: {@link ExitCodes}. */
@Command(name = "flowmeter",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Packets to bidirectional flows, flow features and a malicious-traffic pre-filter.")
public final class Main implements java.util.concurrent.Callable<Integer> {

    /** Subcommands in the order help lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Read from the arguments before parsing (see {@link #run}); declared so that every command accepts it. */
    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On an internal error, print the stack trace.")
    boolean debug;

    /** Without a subcommand: name the commands, as a usage error. */
    @Override
    public Integer call() {
        System.err.println("flowmeter: give a command: " + String.join(", ", SUBCOMMANDS.keySet()));
        System.err.println("Try 'flowmeter --help' for more information.");
        return ExitCodes.USAGE;
    }

    public static void main(String[] args) {
        OutputFiles.writeStdoutByDescriptor();
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        CommandLine cli = commandLine(args);
        ExitCodes codes = new ExitCodes(Arrays.asList(args).contains("--debug"));
        cli.setParameterExceptionHandler(codes::usage);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> codes.execution(e, cmd));
        try {
            int code = cli.execute(args);
            if (code == 0 && System.out.checkError()) {
                System.err.println("flowmeter: cannot write to standard output");
                return 1;
            }
            return code;
        } catch (OutOfMemoryError e) {
            System.err.println("flowmeter: out of memory: lower --memory-cap or give Java a larger heap"
                    + " (FLOWMETER_JAVA_OPTS=-Xmx...)");
            return 1;
        } finally {
            Interruption.commandDone();
        }
    }

    /**
     * Builds the command line. Picocli reflects over every option of every registered command, which
     * costs more than reading a small capture; when the first word names a subcommand, only that one
     * is registered (its usage and errors are the same), otherwise all of them for the general help.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new Main());
        Supplier<Object> only = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        if (only != null && !"help".equals(args[0])) {
            cli.addSubcommand(only.get());
        } else {
            SUBCOMMANDS.values().forEach(command -> cli.addSubcommand(command.get()));
        }
        return cli;
    }

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("extract", ExtractCommand::new);
        commands.put("classify", ClassifyCommand::new);
        commands.put("train", TrainCommand::new);
        commands.put("evaluate", EvaluateCommand::new);
        commands.put("report", ReportCommand::new);
        commands.put("live", LiveCommand::new);
        commands.put("interfaces", InterfacesCommand::new);
        commands.put("help", CommandLine.HelpCommand::new);
        return commands;
    }

    /** One clear line for the errors users cause; the exception's own text for anything else. */
    static String describe(Exception e) {
        String line = ExitCodes.describeInputProblem(e);
        return line != null ? line : e.toString();
    }
}
