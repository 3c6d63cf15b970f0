package org.flowmeter.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flowmeter.pcap.Captures;

/** What a run over capture inputs tells the user about inputs that held nothing to read. */
final class InputChecks {
    private InputChecks() {
    }

    /** A warning for each folder among the inputs with no capture in it (its files are not captures). */
    static void warnAboutFoldersWithoutCaptures(List<String> inputs, PrintStream err) throws IOException {
        for (String input : inputs) {
            Path path = Path.of(input);
            if (!Captures.STDIN.equals(input) && Files.isDirectory(path)) {
                Captures.FolderScan scan = Captures.scan(path);
                if (scan.captures().isEmpty()) {
                    err.println("flowmeter: warning: " + input + " holds no capture file ("
                            + scan.skipped().size() + " other files)");
                }
            }
        }
    }

    /** A run that read no packet at all (and was not stopped) is an input problem: exit 1. */
    static void requirePackets(CaptureRun run, boolean filtered) {
        if (run.pipeline().packetsRead() == 0 && !run.interrupted()) {
            throw new InputException(filtered ? "no packets read: the inputs hold none that --bpf accepts"
                    : "no packets read: the inputs hold no packet");
        }
    }
}
