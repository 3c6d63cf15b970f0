package org.flowmeter.detect;

/** Which addresses are group or local ones (the detectors leave multicast and broadcast alone). */
final class AddressKinds {
    private AddressKinds() {
    }

    /** IPv4 multicast (224/4), the limited broadcast, or IPv6 multicast (ff00::/8). */
    static boolean isGroup(int ipVersion, long hi, long lo) {
        if (ipVersion == 4) {
            int a = (int) lo;
            return (a >>> 28) == 0xE || a == 0xFFFFFFFF;
        }
        return (hi >>> 56) == 0xFF;
    }

    /**
     * Private, loopback, link-local, shared (CGN) or unique-local addresses: inside the network
     * being watched rather than somewhere on the internet.
     */
    static boolean isLocal(int ipVersion, long hi, long lo) {
        if (ipVersion == 4) {
            int a = (int) lo;
            int first = a >>> 24;
            int second = (a >>> 16) & 0xFF;
            return first == 10 || first == 127 || (first == 172 && (second & 0xF0) == 16)
                    || (first == 192 && second == 168) || (first == 169 && second == 254)
                    || (first == 100 && (second & 0xC0) == 64);
        }
        return (hi == 0 && lo == 1) || (hi >>> 57) == (0xFC >>> 1) || (hi >>> 54) == (0xFE80L >>> 6);
    }
}
