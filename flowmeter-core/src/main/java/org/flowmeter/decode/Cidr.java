package org.flowmeter.decode;

/**
 * An IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code fd00::/8}, matched against the
 * address fields of {@link DecodedPacket} without allocation. Host bits given in the text are
 * cleared, so {@code 10.1.2.3/8} means {@code 10.0.0.0/8}.
 */
public final class Cidr implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int ipVersion;
    private final int prefixLength;
    private final long maskHi, maskLo;
    private final long networkHi, networkLo;

    public Cidr(int ipVersion, long hi, long lo, int prefixLength) {
        int bits = ipVersion == 4 ? 32 : 128;
        if (ipVersion != 4 && ipVersion != 6) {
            throw new IllegalArgumentException("IP version must be 4 or 6, not " + ipVersion);
        }
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be 0.." + bits + ", not " + prefixLength);
        }
        this.ipVersion = ipVersion;
        this.prefixLength = prefixLength;
        if (ipVersion == 4) {
            maskHi = 0;
            maskLo = prefixLength == 0 ? 0 : (0xFFFFFFFFL << (32 - prefixLength)) & 0xFFFFFFFFL;
        } else {
            maskHi = leadingOnes(prefixLength);
            maskLo = leadingOnes(prefixLength - 64);
        }
        networkHi = hi & maskHi;
        networkLo = lo & maskLo;
    }

    /** Parses "address/prefix" or a plain address (a /32 or /128 network). */
    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("empty network");
        }
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        long[] parsed = IpAddresses.parse(address);
        int version = IpAddresses.isIpv6(address) ? 6 : 4;
        int prefix = version == 4 ? 32 : 128;
        if (slash >= 0) {
            String digits = trimmed.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("bad prefix length in \"" + text + "\"");
            }
            prefix = Integer.parseInt(digits);
        }
        return new Cidr(version, parsed[0], parsed[1], prefix);
    }

    /** True when the address (as in {@link DecodedPacket}) lies in this network. */
    public boolean contains(int version, long hi, long lo) {
        return version == ipVersion && (hi & maskHi) == networkHi && (lo & maskLo) == networkLo;
    }

    public int ipVersion() {
        return ipVersion;
    }

    public int prefixLength() {
        return prefixLength;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr c && c.ipVersion == ipVersion && c.prefixLength == prefixLength
                && c.networkHi == networkHi && c.networkLo == networkLo;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(networkHi * 31 + networkLo) * 31 + prefixLength * 8 + ipVersion;
    }

    @Override
    public String toString() {
        return IpAddresses.formatAddress(ipVersion, networkHi, networkLo) + "/" + prefixLength;
    }

    /** A 64-bit mask with the top {@code count} bits set (count clamped to 0..64). */
    private static long leadingOnes(int count) {
        if (count <= 0) {
            return 0;
        }
        return count >= 64 ? -1L : -1L << (64 - count);
    }
}
