package org.flowmeter.cli;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.flowmeter.pcap.InterruptibleStdin;

/**
 * Ctrl-C (SIGINT) and SIGTERM: ask the running work to stop reading, then hold the JVM's exit
 * until the command has ended every flow, closed its files and printed its summary.
 */
final class Interruption {
    private static final CopyOnWriteArrayList<Runnable> STOP_ACTIONS = new CopyOnWriteArrayList<>();
    private static final CountDownLatch COMMAND_DONE = new CountDownLatch(1);
    private static volatile boolean installed;
    private static volatile boolean signalled;

    private Interruption() {
    }

    /** Runs {@code stop} when a signal arrives; remove it with {@link #remove} when done. */
    static synchronized void onSignal(Runnable stop) {
        if (!installed) {
            Runtime.getRuntime().addShutdownHook(new Thread(Interruption::handle, "flowmeter-shutdown"));
            installed = true;
        }
        STOP_ACTIONS.add(stop);
    }

    static void remove(Runnable stop) {
        STOP_ACTIONS.remove(stop);
    }

    /** Called once the command has returned: a pending shutdown may now proceed. */
    static void commandDone() {
        COMMAND_DONE.countDown();
    }

    static boolean signalled() {
        return signalled;
    }

    private static void handle() {
        if (COMMAND_DONE.getCount() == 0) {
            return; // a normal exit, not a signal
        }
        signalled = true;
        STOP_ACTIONS.forEach(Runnable::run);
        InterruptibleStdin.release();
        try {
            COMMAND_DONE.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
