package org.flowmeter.decode;

/**
 * Text forms of the addresses in {@link DecodedPacket}: IPv4 as one unsigned 32-bit value in
 * {@code lo} (hi = 0), IPv6 as two big-endian 64-bit halves. For reports and options, not for
 * the per-packet path.
 */
public final class IpAddresses {
    private IpAddresses() {
    }

    /** IPv4 dotted quad, or IPv6 in RFC 5952 canonical form. */
    public static String formatAddress(int ipVersion, long hi, long lo) {
        if (ipVersion == 4) {
            return (lo >>> 24 & 0xFF) + "." + (lo >>> 16 & 0xFF) + "." + (lo >>> 8 & 0xFF) + "." + (lo & 0xFF);
        }
        if (ipVersion != 6) {
            throw new IllegalArgumentException("IP version must be 4 or 6, not " + ipVersion);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (hi >>> (48 - 16 * i)) & 0xFFFF;
            groups[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xFFFF;
        }
        // RFC 5952: compress the longest run of two or more zero groups, the first one on ties.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** True when the literal is IPv6 (contains a colon); parse it with {@link #parse}. */
    public static boolean isIpv6(String literal) {
        return literal.indexOf(':') >= 0;
    }

    /**
     * Parses an IPv4 or IPv6 literal into {hi, lo}. IPv6 may end in a dotted IPv4 part;
     * zone ids, brackets and IPv4 shorthands ("10.1", leading zeros) are rejected.
     *
     * @throws IllegalArgumentException when the text is not an address
     */
    public static long[] parse(String literal) {
        if (literal == null || literal.isEmpty()) {
            throw new IllegalArgumentException("empty address");
        }
        if (isIpv6(literal)) {
            return parseIpv6(literal);
        }
        return new long[] {0, parseIpv4(literal, literal)};
    }

    private static long parseIpv4(String part, String literal) {
        String[] octets = part.split("\\.", -1);
        if (octets.length != 4) {
            throw invalid(literal);
        }
        long value = 0;
        for (String octet : octets) {
            boolean leadingZero = octet.length() > 1 && octet.charAt(0) == '0';
            if (octet.isEmpty() || octet.length() > 3 || leadingZero || !allDigits(octet, 10)) {
                throw invalid(literal);
            }
            int number = Integer.parseInt(octet);
            if (number > 255) {
                throw invalid(literal);
            }
            value = value << 8 | number;
        }
        return value;
    }

    private static long[] parseIpv6(String literal) {
        int gap = literal.indexOf("::");
        if (gap >= 0 && literal.indexOf("::", gap + 1) >= 0) {
            throw invalid(literal);
        }
        int[] head = new int[8];
        int[] tail = new int[8];
        int headCount;
        int tailCount = 0;
        if (gap < 0) {
            headCount = groups(literal, head, true, literal);
            if (headCount != 8) {
                throw invalid(literal);
            }
        } else {
            headCount = groups(literal.substring(0, gap), head, false, literal);
            tailCount = groups(literal.substring(gap + 2), tail, true, literal);
            if (headCount + tailCount > 7) {
                throw invalid(literal);
            }
        }
        int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, headCount);
        System.arraycopy(tail, 0, all, 8 - tailCount, tailCount);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = hi << 16 | all[i];
            lo = lo << 16 | all[i + 4];
        }
        return new long[] {hi, lo};
    }

    /** Parses colon-separated groups into {@code into}; returns how many 16-bit groups it held. */
    private static int groups(String part, int[] into, boolean mayEndInIpv4, String literal) {
        if (part.isEmpty()) {
            return 0;
        }
        String[] fields = part.split(":", -1);
        int count = 0;
        for (int i = 0; i < fields.length; i++) {
            String field = fields[i];
            if (mayEndInIpv4 && i == fields.length - 1 && field.indexOf('.') >= 0) {
                if (count > 6) {
                    throw invalid(literal);
                }
                long v4 = parseIpv4(field, literal);
                into[count++] = (int) (v4 >>> 16);
                into[count++] = (int) (v4 & 0xFFFF);
                continue;
            }
            if (field.isEmpty() || field.length() > 4 || !allDigits(field, 16) || count >= 8) {
                throw invalid(literal);
            }
            into[count++] = Integer.parseInt(field, 16);
        }
        return count;
    }

    private static boolean allDigits(String text, int radix) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), radix) < 0 || text.charAt(i) > 'f') {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException invalid(String literal) {
        return new IllegalArgumentException("not an IP address: \"" + literal + "\"");
    }
}
