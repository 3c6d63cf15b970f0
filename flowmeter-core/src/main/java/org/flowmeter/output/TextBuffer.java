package org.flowmeter.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer for one text row, written without going through chars and an encoder:
 * rows are mostly digits, and formatting them straight to bytes halves the cost of output.
 */
final class TextBuffer {
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes = new byte[2048];
    private int length;

    void clear() {
        length = 0;
    }

    int length() {
        return length;
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
        }
    }

    TextBuffer append(char c) {
        if (c < 0x80) {
            ensure(1);
            bytes[length++] = (byte) c;
            return this;
        }
        return append(String.valueOf(c));
    }

    /** Appends text as UTF-8 (ASCII in the common case, byte by byte). */
    TextBuffer append(CharSequence s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                byte[] utf8 = s.subSequence(i, n).toString().getBytes(StandardCharsets.UTF_8);
                ensure(utf8.length);
                System.arraycopy(utf8, 0, bytes, length, utf8.length);
                length += utf8.length;
                return this;
            }
            bytes[length++] = (byte) c;
        }
        return this;
    }

    TextBuffer append(long v) {
        if (v == Long.MIN_VALUE) {
            ensure(MIN_LONG.length);
            System.arraycopy(MIN_LONG, 0, bytes, length, MIN_LONG.length);
            length += MIN_LONG.length;
            return this;
        }
        ensure(20);
        if (v < 0) {
            bytes[length++] = '-';
            v = -v;
        }
        int digits = digits(v);
        int end = length + digits;
        for (int i = end - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        length = end;
        return this;
    }

    /** Appends {@code v} zero-padded to {@code width} digits (v >= 0). */
    TextBuffer appendPadded(long v, int width) {
        int digits = digits(v);
        ensure(Math.max(width, digits));
        for (int i = digits; i < width; i++) {
            bytes[length++] = '0';
        }
        return append(v);
    }

    private static int digits(long v) {
        int d = 1;
        while (v >= 10) {
            v /= 10;
            d++;
        }
        return d;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
