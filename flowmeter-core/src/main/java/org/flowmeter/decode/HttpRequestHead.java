package org.flowmeter.decode;

import static org.flowmeter.decode.Bytes.u8;

import java.nio.charset.StandardCharsets;

/**
 * How long a whole HTTP/1 request is, read from a TCP segment that starts one: its head (request
 * line and headers, through the empty line) plus the body its Content-Length announces. A slow
 * DoS tool never completes its request (slowloris never ends the head, a slow POST never sends the
 * body it announced), so a connection that sent exactly this many bytes sent a whole request.
 * Reads only captured bytes, allocates nothing; only segments whose first bytes look like a
 * request line (a method of capital letters and a space) are read further.
 */
final class HttpRequestHead {
    /** Not a request start, its head not ended within the captured bytes, or a body of unknown length. */
    static final int NONE = -1;
    private static final int SHORTEST_METHOD = 3;
    private static final int LONGEST_METHOD = 7;
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_ENCODING = "transfer-encoding:".getBytes(StandardCharsets.US_ASCII);

    private HttpRequestHead() {
    }

    /**
     * The request's size in bytes (head plus announced body, at most {@link Integer#MAX_VALUE}),
     * or {@link #NONE}. The payload starts at {@code start}; {@code capturedEnd} is where the
     * captured bytes end. A body sent with Transfer-Encoding (chunked) has no size up front: NONE.
     */
    static int length(byte[] b, int start, int capturedEnd, int payload) {
        int end = Math.min(capturedEnd, start + payload);
        if (!startsWithMethod(b, start, end)) {
            return NONE;
        }
        long body = 0;
        int line = start;
        while (true) {
            int eol = lineEnd(b, line, end);
            if (eol < 0) {
                return NONE;
            }
            if (eol == line) { // the empty line: the head ends after its CR LF
                long whole = (eol + 2 - start) + body;
                return (int) Math.min(Integer.MAX_VALUE, whole);
            }
            if (line != start) {
                if (startsWithIgnoringCase(b, line, eol, CONTENT_LENGTH)) {
                    body = digits(b, line + CONTENT_LENGTH.length, eol);
                    if (body < 0) {
                        return NONE;
                    }
                } else if (startsWithIgnoringCase(b, line, eol, TRANSFER_ENCODING)) {
                    return NONE;
                }
            }
            line = eol + 2;
        }
    }

    /** Capital letters (3 to 7: GET, DELETE, OPTIONS) and a space. */
    private static boolean startsWithMethod(byte[] b, int start, int end) {
        int i = start;
        while (i < end && i - start <= LONGEST_METHOD) {
            int c = u8(b, i);
            if (c == ' ') {
                return i - start >= SHORTEST_METHOD;
            }
            if (c < 'A' || c > 'Z') {
                return false;
            }
            i++;
        }
        return false;
    }

    /** Where the CR of the CR LF that ends the line starting at {@code from} is; -1 when not captured. */
    private static int lineEnd(byte[] b, int from, int end) {
        for (int i = from; i + 1 < end; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWithIgnoringCase(byte[] b, int from, int end, byte[] lowerName) {
        if (end - from < lowerName.length) {
            return false;
        }
        for (int k = 0; k < lowerName.length; k++) {
            int c = u8(b, from + k);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerName[k]) {
                return false;
            }
        }
        return true;
    }

    /** A decimal number between optional spaces, or -1 when the value is anything else. */
    private static long digits(byte[] b, int from, int end) {
        int i = from;
        while (i < end && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        long value = -1;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            value = (value < 0 ? 0 : value) * 10 + (b[i] - '0');
            if (value > Integer.MAX_VALUE) {
                return Integer.MAX_VALUE;
            }
            i++;
        }
        while (i < end && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        return i == end ? value : -1;
    }
}
