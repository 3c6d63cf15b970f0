package org.flowmeter.pcap;

/** What the first bytes of a file say it is; names and extensions are never trusted. */
public enum CaptureFormat {
    PCAP, PCAPNG, GZIP, UNKNOWN;

    /** Classifies the first {@code length} (at most 4) bytes of a stream. */
    static CaptureFormat ofMagic(byte[] magic, int length) {
        if (length >= 2 && (magic[0] & 0xFF) == 0x1f && (magic[1] & 0xFF) == 0x8b) {
            return GZIP;
        }
        if (length < 4) {
            return UNKNOWN;
        }
        int big = ReadBuffer.intAt(magic, 0, true);
        int little = ReadBuffer.intAt(magic, 0, false);
        if (big == PcapReader.MAGIC_MICROS || big == PcapReader.MAGIC_NANOS
                || little == PcapReader.MAGIC_MICROS || little == PcapReader.MAGIC_NANOS) {
            return PCAP;
        }
        return big == PcapNgReader.SECTION_HEADER ? PCAPNG : UNKNOWN;
    }

    static String describe(byte[] magic, int length) {
        StringBuilder hex = new StringBuilder("0x");
        for (int i = 0; i < length; i++) {
            hex.append(String.format("%02x", magic[i] & 0xFF));
        }
        return "not a pcap or pcapng file (magic " + hex + ")";
    }
}
