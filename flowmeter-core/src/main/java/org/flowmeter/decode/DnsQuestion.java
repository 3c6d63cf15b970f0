package org.flowmeter.decode;

import static org.flowmeter.decode.Bytes.u8;

/**
 * Where the question of a DNS message over UDP ends: its 12-byte header, the first question's name
 * (labels up to the root label, or a compression pointer) and its type and class. What follows is
 * records (answers, EDNS options, cookies, signatures), whose size says nothing about the name
 * looked up; a tunnel writes its data into the name. Reads only captured bytes, allocates nothing.
 */
final class DnsQuestion {
    static final int HEADER = 12;
    private static final int TYPE_AND_CLASS = 4;

    private DnsQuestion() {
    }

    static boolean isDnsPort(int port) {
        return port == 53 || port == 5353;
    }

    /**
     * The response code of a DNS answer whose header starts at {@code start} (the low four bits of
     * its fourth byte; 3: the name does not exist), or -1 for a query or a header cut short.
     */
    static int answerCode(byte[] b, int start, int capturedEnd, int payload) {
        if (payload < 4 || start + 4 > capturedEnd || (u8(b, start + 2) & 0x80) == 0) {
            return -1;
        }
        return u8(b, start + 3) & 0x0F;
    }

    /**
     * The bytes from the message start at {@code start} to the end of its first question, at most
     * {@code payload}; all of {@code payload} when the capture ends ({@code capturedEnd}) inside the
     * name (a long name cut by the snaplen) or the message is too short to hold a question.
     */
    static int length(byte[] b, int start, int capturedEnd, int payload) {
        if (payload < HEADER + 1 + TYPE_AND_CLASS) {
            return payload;
        }
        int end = start + payload;
        int p = start + HEADER;
        while (true) {
            if (p >= capturedEnd || p >= end) {
                return payload;
            }
            int label = u8(b, p);
            if (label == 0) {
                p += 1;
                break;
            }
            if ((label & 0xC0) != 0) {
                p += 2;
                break;
            }
            p += 1 + label;
        }
        return Math.min(payload, p + TYPE_AND_CLASS - start);
    }
}
