package org.flowmeter.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import org.flowmeter.decode.SkipReason;
import org.flowmeter.engine.FlowEngine;
import org.flowmeter.flow.EndReason;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.flow.FlowPipeline;
import org.flowmeter.pcap.CaptureFormatException;
import org.flowmeter.pcap.PacketSource;

/**
 * Runs capture inputs through the engine's decoder and flow meter with a progress bar. Ctrl-C (SIGINT/SIGTERM)
 * stops the reading, and every flow in memory is still ended and handed over.
 */
final class CaptureRun {
    private final FlowPipeline pipeline;
    private final FlowMeter meter;
    private long startNanos;
    private long endNanos;
    /** Heap set aside so that, after an OutOfMemoryError, the flows held can still be ended and written. */
    private byte[] reserve = new byte[4 << 20];
    private boolean strict;
    private long inconsistentLengths;

    CaptureRun(FlowEngine engine) {
        this.meter = engine.meter();
        this.pipeline = engine.pipeline();
    }

    /** Whether the first damaged input ends the run (else it is reported and the next input read). */
    void setStrict(boolean strict) {
        this.strict = strict;
    }

    FlowPipeline pipeline() {
        return pipeline;
    }

    FlowMeter meter() {
        return meter;
    }

    /**
     * Reads every input, then ends all flows. Returns normally after Ctrl-C too (check
     * {@link #interrupted()}); {@code afterFlush} runs before the JVM may exit, so outputs it closes are complete.
     */
    void run(PacketSource input, boolean progress, IoAction afterFlush) throws IOException {
        Runnable stop = pipeline::requestStop;
        Interruption.onSignal(stop);
        DamagedInputs damaged = strict ? null : DamagedInputs.watch(input, pipeline, System.err);
        startNanos = System.nanoTime();
        OutOfMemoryError outOfMemory = null;
        int flowsHeld = 0;
        try (PacketSource source = input;
             Progress bar = progress ? Progress.bytes(source) : Progress.NONE) {
            pipeline.run(source, (s, n) -> bar.update(s));
            bar.update(source);
        } catch (CaptureFormatException e) {
            // Ctrl-C ends stdin in the middle of a record: that is the stop, not a damaged input.
            if (!pipeline.stopRequested()) {
                throw e;
            }
        } catch (OutOfMemoryError e) {
            reserve = null;
            outOfMemory = e;
            flowsHeld = meter.activeFlows();
        } finally {
            try {
                inconsistentLengths = input.inconsistentLengths();
                String note = input.endNote();
                if (note != null) {
                    note.lines().forEach(line -> System.err.println("flowmeter: " + line));
                }
                meter.finish();
                afterFlush.run();
            } finally {
                endNanos = System.nanoTime();
                Interruption.remove(stop);
            }
        }
        if (outOfMemory != null) {
            throw new IOException(OutOfMemory.message(meter, pipeline.packetsRead(), flowsHeld), outOfMemory);
        }
        if (damaged != null && !pipeline.stopRequested()) {
            damaged.failIfAny();
        }
    }

    /** What runs after the last flow has been handed over (closing outputs). */
    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }

    boolean interrupted() {
        return pipeline.stopRequested();
    }

    double seconds() {
        return (endNanos - startNanos) / 1e9;
    }

    /** The one-line summary printed at the end of a run (nothing when no packet was read). */
    void printSummary(PrintStream err, long flowsWritten) {
        long read = pipeline.packetsRead();
        if (read == 0 && endNanos == 0) {
            return;
        }
        StringBuilder skipped = new StringBuilder();
        long skippedTotal = 0;
        for (SkipReason r : SkipReason.values()) {
            long n = pipeline.skipped(r);
            if (n > 0) {
                skippedTotal += n;
                skipped.append(skipped.length() == 0 ? " (" : ", ").append(pipeline.decoder().describeSkipped(r));
            }
        }
        if (skipped.length() > 0) {
            skipped.append(')');
        }
        if (inconsistentLengths > 0) {
            // Read as tcpdump and tshark read them; said here because the input is not quite sound.
            skipped.append("; ").append(inconsistentLengths)
                    .append(" records with an original length below the captured or over 2^31, read");
        }
        double s = seconds();
        err.printf(Locale.ROOT, "%s%d packets read, %d decoded, %d skipped%s; %d flows, %d written, %d evicted%s; %.2f s, %.0f packets/s%n",
                interrupted() ? "interrupted: " : "", read, pipeline.decoded(), skippedTotal, skipped,
                meter.flowsStarted(), flowsWritten,
                meter.flowsEnded(EndReason.EVICTED) + meter.flowsEnded(EndReason.MEMORY), endReasons(), s, s > 0 ? read / s : 0.0);
    }

    /** How many flows ended for each reason, e.g. " (ended by idle 3, fin 2, memory 40)". */
    private String endReasons() {
        StringBuilder b = new StringBuilder();
        for (EndReason r : EndReason.values()) {
            long n = meter.flowsEnded(r);
            if (n > 0) {
                b.append(b.length() == 0 ? " (ended by " : ", ").append(r.label()).append(' ').append(n);
            }
        }
        return b.length() == 0 ? "" : b.append(')').toString();
    }
}
