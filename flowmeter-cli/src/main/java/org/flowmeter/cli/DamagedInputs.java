package org.flowmeter.cli;

import java.io.IOException;
import java.io.PrintStream;
import org.flowmeter.flow.FlowPipeline;
import org.flowmeter.pcap.PacketSource;
import org.flowmeter.pcap.SequenceSource;

/**
 * Lets a run of several inputs go on past a damaged one: each damage is reported on one line when
 * met (file, byte offset, problem) and the run fails at its end. A single input keeps the plain
 * behaviour: its damage ends the run with that one line.
 */
final class DamagedInputs {
    private final SequenceSource source;

    private DamagedInputs(SequenceSource source) {
        this.source = source;
    }

    /** Null when {@code input} is not a sequence of several inputs. */
    static DamagedInputs watch(PacketSource input, FlowPipeline pipeline, PrintStream err) {
        if (!(input.unwrapped() instanceof SequenceSource sequence) || sequence.size() < 2) {
            return null;
        }
        sequence.continueAfterDamage(e -> {
            // Ctrl-C cutting stdin short is the stop, not damage.
            if (!pipeline.stopRequested()) {
                err.println("flowmeter: " + e.getMessage() + " (flows before this point are kept; going on with the next input)");
            }
        });
        return new DamagedInputs(sequence);
    }

    void failIfAny() throws IOException {
        int n = source.damaged().size();
        if (n > 0) {
            throw new IOException(n + " of " + source.size() + " inputs damaged (reported above); "
                    + "the flows read from them before the damage were written");
        }
    }
}
