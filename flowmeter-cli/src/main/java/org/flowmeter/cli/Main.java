package org.flowmeter.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.flowmeter.pcap.CaptureFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code flowmeter} command. Exit codes: 0 ok, 1 unreadable input or failure, 2 usage. */
@Command(name = "flowmeter",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Packets to bidirectional flows, flow features and a malicious-traffic pre-filter.",
        subcommands = {ExtractCommand.class, ClassifyCommand.class, TrainCommand.class, EvaluateCommand.class,
                ReportCommand.class, LiveCommand.class, InterfacesCommand.class, CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Without a subcommand: show what there is, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("flowmeter: " + describe(e));
            return 1;
        });
        try {
            return cli.execute(args);
        } finally {
            Interruption.commandDone();
        }
    }

    /** One clear line for the errors users cause; a stack trace only for our own bugs. */
    private static String describe(Exception e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof CaptureFormatException c) {
            return c.getMessage();
        }
        if (t instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        if (t instanceof IOException io) {
            return io.getMessage() == null ? io.toString() : io.getMessage();
        }
        t.printStackTrace();
        return t.toString();
    }
}
