package org.flowmeter.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Flushes open output streams every {@link #INTERVAL_MILLIS} from one background thread, so that
 * rows do not sit in a buffer for minutes when flows end slowly, and a killed process loses at
 * most the last seconds. BufferedOutputStream synchronizes its writes and flushes, so the flush
 * never interleaves with a row; a failed flush is left for the writing thread, which meets the
 * same error on its next write or at close.
 */
final class PeriodicFlush {
    static final long INTERVAL_MILLIS = 2000;
    private static final Set<OutputStream> OPEN = ConcurrentHashMap.newKeySet();
    private static ScheduledExecutorService timer;

    private PeriodicFlush() {
    }

    static OutputStream register(OutputStream out, int buffer) {
        OutputStream s = new BufferedOutputStream(out, buffer) {
            @Override
            public void close() throws IOException {
                OPEN.remove(this);
                super.close();
            }
        };
        OPEN.add(s);
        startTimer();
        return s;
    }

    private static synchronized void startTimer() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "output-flush");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(PeriodicFlush::flushAll, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static void flushAll() {
        for (OutputStream s : OPEN) {
            try {
                s.flush();
            } catch (IOException e) {
                // The writing thread reports it: the buffer keeps the bytes and its next write fails the same way.
                OPEN.remove(s);
            }
        }
    }
}
