package org.flowmeter.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.flowmeter.decode.PacketDecoder;
import org.flowmeter.decode.SkipReason;
import org.flowmeter.feature.FeatureSet;
import org.flowmeter.flow.EndReason;
import org.flowmeter.flow.FlowConfig;
import org.flowmeter.flow.FlowListener;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.flow.FlowPipeline;
import org.flowmeter.pcap.PacketSource;

/**
 * Runs capture inputs through decoder and flow meter with a progress bar, and makes Ctrl-C
 * (SIGINT/SIGTERM) stop reading but still end and hand over every flow in memory.
 */
final class CaptureRun {
    private final FlowPipeline pipeline;
    private final FlowMeter meter;
    private final CountDownLatch finished = new CountDownLatch(1);
    private long startNanos;
    private long endNanos;

    CaptureRun(FlowConfig config, List<FeatureSet> sets, FlowListener listener) {
        this.meter = new FlowMeter(config, sets, listener);
        this.pipeline = new FlowPipeline(new PacketDecoder(), meter);
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
        Thread hook = new Thread(this::onSignal, "flowmeter-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        startNanos = System.nanoTime();
        try (PacketSource source = input;
             Progress bar = progress ? Progress.bytes(source) : Progress.NONE) {
            pipeline.run(source, (s, n) -> bar.update(s));
            bar.update(source);
        } finally {
            try {
                meter.finish();
                afterFlush.run();
            } finally {
                endNanos = System.nanoTime();
                finished.countDown();
                removeHook(hook);
            }
        }
    }

    /** What runs after the last flow has been handed over (closing outputs). */
    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }

    private void onSignal() {
        pipeline.requestStop();
        try {
            // Let the main thread end every flow and close its files before the JVM halts.
            finished.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Already exiting because of a signal: the hook is running, nothing to remove.
        }
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
                skipped.append(skipped.length() == 0 ? " (" : ", ").append(r.label()).append(' ').append(n);
            }
        }
        if (skipped.length() > 0) {
            skipped.append(')');
        }
        double s = seconds();
        err.printf(Locale.ROOT, "%s%d packets read, %d decoded, %d skipped%s; %d flows, %d written, %d evicted; %.2f s, %.0f packets/s%n",
                interrupted() ? "interrupted: " : "", read, pipeline.decoded(), skippedTotal, skipped,
                meter.flowsStarted(), flowsWritten, meter.flowsEnded(EndReason.EVICTED), s, s > 0 ? read / s : 0.0);
    }
}
