package org.flowmeter.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.flowmeter.pcap.CaptureFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code flowmeter} command. Exit codes: 0 ok, 1 unreadable input or failure, 2 usage. */
@Command(name = "flowmeter",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Packets to bidirectional flows, flow features and a malicious-traffic pre-filter.")
public final class Main implements java.util.concurrent.Callable<Integer> {

    /** Subcommands in the order help lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Without a subcommand: show what there is, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    public static void main(String[] args) {
        OutputFiles.writeStdoutByDescriptor();
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        CommandLine cli = commandLine(args);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("flowmeter: " + describe(e));
            return 1;
        });
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

    /** One clear line for the errors users cause; a stack trace only for our own bugs. */
    static String describe(Exception e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof CaptureFormatException c) {
            return c.getMessage();
        }
        if (t instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        if (t instanceof java.nio.file.AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (t instanceof IOException io) {
            return io.getMessage() == null ? io.toString() : io.getMessage();
        }
        t.printStackTrace();
        return t.toString();
    }
}
