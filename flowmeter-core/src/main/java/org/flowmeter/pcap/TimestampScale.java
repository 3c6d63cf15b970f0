package org.flowmeter.pcap;

/**
 * Converts pcapng timestamp ticks to nanoseconds for one interface, exactly and without
 * overflow for any resolution from seconds down to 2^-63 or 10^-18 s.
 */
final class TimestampScale {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    /** The pcapng default when an interface has no if_tsresol option; needs the table above. */
    static final TimestampScale MICROS = decimal(6);

    private final long ticksPerSecond;
    /** ticks * multiplier is exact when ticks is at most fastLimit (0 when there is no fast path). */
    private final long multiplier;
    private final long fastLimit;
    private final int binaryShift;

    private TimestampScale(long ticksPerSecond, long multiplier, int binaryShift) {
        this.ticksPerSecond = ticksPerSecond;
        this.multiplier = multiplier;
        this.fastLimit = multiplier == 0 ? -1 : Long.MAX_VALUE / multiplier;
        this.binaryShift = binaryShift;
    }

    static TimestampScale decimal(int exponent) {
        long multiplier = exponent <= 9 ? POWERS_OF_TEN[9 - exponent] : 0;
        return new TimestampScale(POWERS_OF_TEN[exponent], multiplier, -1);
    }

    static TimestampScale binary(int exponent) {
        return new TimestampScale(1L << exponent, exponent == 0 ? NANOS_PER_SECOND : 0, exponent);
    }

    /**
     * Decodes the if_tsresol option byte: high bit clear means 10^-v seconds, set means 2^-v.
     *
     * @return null when the resolution cannot be represented
     */
    static TimestampScale fromOption(int value) {
        int exponent = value & 0x7F;
        if ((value & 0x80) == 0) {
            return exponent < POWERS_OF_TEN.length ? decimal(exponent) : null;
        }
        return exponent <= 62 ? binary(exponent) : null;
    }

    long ticksPerSecond() {
        return ticksPerSecond;
    }

    /** Ticks are an unsigned 64-bit count; the result wraps only past the year 2262. */
    long toNanos(long ticks) {
        if (ticks >= 0 && ticks <= fastLimit) {
            return ticks * multiplier;
        }
        long seconds = Long.divideUnsigned(ticks, ticksPerSecond);
        long fraction = Long.remainderUnsigned(ticks, ticksPerSecond);
        return seconds * NANOS_PER_SECOND + fractionToNanos(fraction);
    }

    /** fraction < ticksPerSecond, so it is non-negative and the result is below 10^9. */
    private long fractionToNanos(long fraction) {
        if (binaryShift > 0) {
            long high = Math.multiplyHigh(fraction, NANOS_PER_SECOND);
            long low = fraction * NANOS_PER_SECOND;
            return (high << (64 - binaryShift)) | (low >>> binaryShift);
        }
        if (multiplier != 0) {
            return fraction * multiplier;
        }
        // Finer than nanoseconds: truncate.
        return fraction / (ticksPerSecond / NANOS_PER_SECOND);
    }
}
