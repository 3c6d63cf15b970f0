package org.flowmeter.decode;

/** Why a packet did not become part of a flow. Counted, never thrown. */
public enum SkipReason {
    /** Link type the decoder does not know. */
    UNSUPPORTED_LINK_TYPE("unsupported link type"),
    /** Link layer carried something other than IPv4/IPv6 (ARP, LLDP, ...). */
    NON_IP("non-IP"),
    /** Captured bytes end before a header we need does. */
    TRUNCATED("truncated"),
    /** A header is inconsistent (bad version, header length, lengths). */
    MALFORMED("malformed"),
    /** A non-first IP fragment whose first fragment was not seen. */
    UNMATCHED_FRAGMENT("unmatched fragment");

    private final String label;

    SkipReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
