package org.flowmeter.engine;

/**
 * Checks a detector threshold an option record holds against the least value it may take, with
 * the message the command line prints; a null keeps the detector's default.
 */
final class Thresholds {
    private Thresholds() {
    }

    static int atLeast(Integer value, int fallback, int least, String option) {
        if (value == null) {
            return fallback;
        }
        if (value < least) {
            throw new OptionException(option + " must be at least " + least);
        }
        return value;
    }

    static double aboveZero(Double value, double fallback, String option) {
        if (value == null) {
            return fallback;
        }
        if (!(value > 0)) {
            throw new OptionException(option + " must be above 0");
        }
        return value;
    }
}
