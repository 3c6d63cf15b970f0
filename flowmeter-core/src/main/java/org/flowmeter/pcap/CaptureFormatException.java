package org.flowmeter.pcap;

import java.io.IOException;

/** A capture that cannot be read further: says which source, at which byte offset, and why. */
public final class CaptureFormatException extends IOException {
    private final String source;
    private final long offset;
    private final String reason;

    public CaptureFormatException(String source, long offset, String reason) {
        super(source + ": at byte " + offset + ": " + reason);
        this.source = source;
        this.offset = offset;
        this.reason = reason;
    }

    public String source() { return source; }

    public long offset() { return offset; }

    public String reason() { return reason; }
}
