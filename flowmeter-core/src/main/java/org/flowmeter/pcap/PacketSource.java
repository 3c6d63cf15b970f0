package org.flowmeter.pcap;

import java.io.Closeable;
import java.io.IOException;

/** A stream of captured packets: a capture file, a folder of them, stdin or a live interface. */
public interface PacketSource extends Closeable {

    /**
     * Reads the next packet into {@code packet}, reusing its buffer where possible.
     *
     * @return false at the end of the input
     * @throws CaptureFormatException when the input is not a capture or is damaged
     */
    boolean next(RawPacket packet) throws IOException;

    /** A name for messages: the file path, "-" for stdin, the interface name. */
    String name();

    /** The name of the input a packet's {@code inputIndex} points at. */
    default String inputName(int inputIndex) {
        return name();
    }

    /** Bytes consumed so far from the underlying file(s), compressed size for gzip; for progress. */
    long bytesRead();

    /** Total bytes to read, or -1 when unknown (stdin, live). */
    long totalBytes();

    /**
     * Records read whose original length was below their captured length or beyond 2^31-1: read
     * anyway, as tcpdump and tshark do, with the captured length as their wire length.
     */
    default long inconsistentLengths() {
        return 0;
    }

    /**
     * Something to tell once the input has been read, or null: a file that grew while read was
     * read only up to its size at open.
     */
    default String endNote() {
        return null;
    }

    /**
     * The source this one reads through (a filter's input), or itself: what a caller asks when it
     * needs the sequence of inputs behind a filtered reading (which inputs were damaged or empty).
     */
    default PacketSource unwrapped() {
        return this;
    }
}
