package org.flowmeter.pcap;

/**
 * The wire length a record is counted with. A record whose original length is below its captured
 * length, or beyond what a packet can be (2^31 and up), is damaged in that field only: tcpdump
 * and tshark still read it and the records after it. The captured length is then the one length
 * known to be true, so it stands in for the original.
 */
final class WireLength {
    private WireLength() {
    }

    static int of(long captured, long original) {
        if (original < captured || original > Integer.MAX_VALUE) {
            return (int) captured;
        }
        return (int) original;
    }
}
