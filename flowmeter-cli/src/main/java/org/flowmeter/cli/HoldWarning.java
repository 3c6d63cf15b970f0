package org.flowmeter.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.flowmeter.engine.FlowClassifier;

/**
 * The one line said when flows left the detectors' hold before the detectors' window had passed
 * (the memory cap left no room): a pattern found later did not reach their verdicts.
 */
final class HoldWarning {
    private HoldWarning() {
    }

    /** The warning, or null when every flow was held for the whole window. */
    static String message(FlowClassifier classifier) {
        long early = classifier.releasedFromHoldEarly();
        if (early == 0) {
            return null;
        }
        return String.format(Locale.ROOT,
                "flowmeter: warning: %d flows were written before the detectors' window had passed (the memory cap "
                        + "holds at most %d ended flows for them), so a pattern found later did not mark them; "
                        + "raise --memory-cap or give Java a larger heap to hold them all",
                early, classifier.heldAtMost());
    }

    static void print(PrintStream err, FlowClassifier classifier) {
        String m = message(classifier);
        if (m != null) {
            err.println(m);
        }
    }
}
