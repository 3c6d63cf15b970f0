package org.flowmeter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.flowmeter.engine.DataException;
import org.flowmeter.engine.OptionException;
import org.flowmeter.pcap.CaptureFormatException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command's exit-code contract, by exception type: 0 success, 1 unreadable or invalid input,
 * 2 usage error (one line and a hint to --help), 3 internal error (a stack trace only with --debug).
 */
final class ExitCodes {
    static final int OK = 0;
    static final int INPUT = 1;
    static final int USAGE = 2;
    static final int INTERNAL = 3;

    private final boolean debug;

    ExitCodes(boolean debug) {
        this.debug = debug;
    }

    /** A malformed command line, or a combination of options that cannot work: the line that matters and a hint. */
    int usage(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return USAGE;
    }

    /** An exception out of a command's work: input problems are one line, anything else is our bug. */
    int execution(Exception e, CommandLine cmd) {
        if (e instanceof OptionException o) {
            // A setting the engine refused: a usage error, as if the parser had found it.
            return usage(new ParameterException(cmd, o.getMessage(), o), null);
        }
        PrintWriter err = cmd.getErr();
        String input = describeInputProblem(e);
        if (input != null) {
            err.println("flowmeter: " + input);
            if (debug) {
                e.printStackTrace(err);
            }
            err.flush();
            return INPUT;
        }
        err.println("flowmeter: internal error: " + e
                + (debug ? "" : " (run again with --debug for the stack trace)"));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return INTERNAL;
    }

    /** One clear line for the errors users cause; null when the exception is not one of those. */
    static String describeInputProblem(Exception e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof CaptureFormatException c) {
            return c.getMessage();
        }
        if (t instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        if (t instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (t instanceof IOException io) {
            return io.getMessage() == null ? io.toString() : io.getMessage();
        }
        if (t instanceof InputException in) {
            return in.getMessage();
        }
        if (t instanceof DataException d) {
            return d.getMessage();
        }
        return null;
    }
}
