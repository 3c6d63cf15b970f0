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
     * its fourth byte; 3: the name does not exist), or -1 for a query, a header cut short, or an
     * answer about an address rather than a name: reverse lookups (in-addr.arpa, ip6.arpa) and
     * blocklist lookups (a mail server asking for 4.3.2.1.zone) miss most of the time by design,
     * and their first label is an address's octet (1-3 digits) or nibble (one character).
     */
    static int answerCode(byte[] b, int start, int capturedEnd, int payload) {
        if (payload < 4 || start + 4 > capturedEnd || (u8(b, start + 2) & 0x80) == 0) {
            return -1;
        }
        return asksForAnAddress(b, start, capturedEnd, payload) ? -1 : u8(b, start + 3) & 0x0F;
    }

    /**
     * The first question's first label is one to three digits (an IPv4 octet), or one character
     * followed by another one-character label (IPv6 nibbles; a one-letter name such as a.example
     * is a name).
     */
    private static boolean asksForAnAddress(byte[] b, int start, int capturedEnd, int payload) {
        int p = start + HEADER;
        int end = Math.min(capturedEnd, start + payload);
        if (p >= end) {
            return false;
        }
        int label = u8(b, p);
        if (label == 1) {
            return p + 2 < end && u8(b, p + 2) == 1;
        }
        if (label < 2 || label > 3 || p + label >= end) {
            return false;
        }
        for (int i = p + 1; i <= p + label; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
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
