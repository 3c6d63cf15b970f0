package org.flowmeter.engine;

/**
 * When flows are scored: at {@code scoreAt} packets (the early verdict) and again when they end
 * (the final one), unless {@code fixedAtScorePoint} makes the early verdict final.
 */
public record VerdictPolicy(int scoreAt, boolean fixedAtScorePoint) implements java.io.Serializable {
    /** Early scoring point; see docs/classify.md for how it was chosen. */
    public static final int DEFAULT_EARLY_PACKETS = 5;

    public VerdictPolicy {
        if (scoreAt < 1) {
            throw new OptionException("--early-after/--decide-after must be at least 1");
        }
    }

    /** Scored early and at the end, the end's verdict final: what classify, live and report do by default. */
    public static VerdictPolicy defaults() {
        return new VerdictPolicy(DEFAULT_EARLY_PACKETS, false);
    }

    /** From classify's options: {@code decideAfter} (nullable) fixes the verdict at that count, else early at {@code earlyAfter}. */
    public static VerdictPolicy of(int earlyAfter, Integer decideAfter) {
        return new VerdictPolicy(decideAfter != null ? decideAfter : earlyAfter, decideAfter != null);
    }
}
