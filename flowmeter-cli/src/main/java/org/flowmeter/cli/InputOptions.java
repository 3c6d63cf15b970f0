package org.flowmeter.cli;

import picocli.CommandLine.Option;

/** How capture inputs are read, for the commands that read them into flows once (extract, classify). */
final class InputOptions {

    @Option(names = "--strict",
            description = "Stop at the first damaged input (exit 1), as earlier versions did. By default a damaged "
                    + "file among several is reported, the flows read before the damage are kept, the run goes on "
                    + "with the next file and exits 1 at the end.")
    boolean strict;

    /** Applies these options to a run before it starts. */
    void applyTo(CaptureRun run) {
        run.setStrict(strict);
    }
}
