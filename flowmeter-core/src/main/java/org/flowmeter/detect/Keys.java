package org.flowmeter.detect;

/** Packs a protocol, port and IP version into the fifth long of a {@link KeyTable} key. */
final class Keys {
    private Keys() {
    }

    static long service(int ipVersion, int protocol, int port) {
        return (long) ipVersion << 40 | (long) protocol << 16 | port;
    }

    static long version(int ipVersion) {
        return (long) ipVersion << 40;
    }
}
