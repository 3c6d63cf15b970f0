package org.flowmeter.live;

import java.util.Locale;

/**
 * Notices when packets start being dropped: a warning when the drop counters grow after a check
 * in which they did not (the first drops, or drops again after a quiet spell), silence while
 * they keep growing, so a terminal gets one line per episode rather than one per check.
 */
public final class DropWatch {
    private long kernelSeen;
    private long queueSeen;
    private boolean dropping;

    /** @return a warning line when drops started since the last check, else null */
    public String check(KernelStats stats) {
        long kernel = stats.kernelDropped() + stats.interfaceDropped();
        long queue = stats.queueDropped();
        boolean grew = kernel > kernelSeen || queue > queueSeen;
        String warning = null;
        if (grew && !dropping) {
            warning = String.format(Locale.ROOT,
                    "warning: dropping packets (%d kernel, %d queue drops so far): capture falls behind;"
                            + " a larger --buffer-size, a --bpf filter or a smaller --snaplen may help",
                    kernel, queue);
        }
        dropping = grew;
        kernelSeen = kernel;
        queueSeen = queue;
        return warning;
    }
}
