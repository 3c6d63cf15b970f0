package org.flowmeter.output;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Text forms of capture times (nanoseconds since the Unix epoch), to the microsecond. */
public final class Timestamps {
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** Suricata's eve form: the offset as {@code +0000}. */
    private static final DateTimeFormatter EVE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxx").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** ISO 8601 in UTC with microseconds, e.g. {@code 2017-07-07T11:59:59.123456Z}. */
    public static String iso(long epochNanos) {
        return ISO.format(micros(epochNanos));
    }

    /** As Suricata writes eve timestamps, e.g. {@code 2017-07-07T11:59:59.123456+0000}. */
    public static String eve(long epochNanos) {
        return EVE.format(micros(epochNanos));
    }

    /** Epoch seconds with six decimals (as Zeek writes {@code ts}), e.g. {@code 1499428799.123456}. */
    public static String epochSeconds(long epochNanos) {
        TextBuffer b = new TextBuffer();
        appendEpochSeconds(b, epochNanos);
        return b.toString();
    }

    static void appendEpochSeconds(TextBuffer b, long epochNanos) {
        long micros = Math.floorDiv(epochNanos, 1000L);
        long seconds = Math.floorDiv(micros, 1_000_000L);
        b.append(seconds).append('.').appendPadded(Math.floorMod(micros, 1_000_000L), 6);
    }

    /** Microseconds since the epoch, rounded down (Parquet's TIMESTAMP(MICROS)). */
    public static long epochMicros(long epochNanos) {
        return Math.floorDiv(epochNanos, 1000L);
    }

    private static Instant micros(long epochNanos) {
        long micros = Math.floorDiv(epochNanos, 1000L);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}
