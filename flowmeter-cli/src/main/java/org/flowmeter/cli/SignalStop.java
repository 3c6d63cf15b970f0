package org.flowmeter.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGINT/SIGTERM into a clean stop of a live run: the shutdown hook asks the run to stop,
 * waits until the main thread has ended every flow and closed its files, and then ends the
 * process with status 0 (a signal would otherwise make it 128 + signal number, though nothing
 * was lost).
 */
final class SignalStop implements AutoCloseable {
    private static final long WAIT_SECONDS = 60;

    private final Runnable requestStop;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "flowmeter-shutdown");
    private volatile boolean succeeded;

    SignalStop(Runnable requestStop) {
        this.requestStop = requestStop;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The run ended normally: a signal in progress may report success. */
    void succeeded() {
        succeeded = true;
    }

    private void onSignal() {
        requestStop.run();
        try {
            if (finished.await(WAIT_SECONDS, TimeUnit.SECONDS) && succeeded) {
                System.out.flush();
                System.err.flush();
                Runtime.getRuntime().halt(0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called by the main thread when its outputs are complete. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // A signal started the shutdown: the hook is running and will end the process.
        }
    }
}
