package org.flowmeter.flow;

/** A test on an IP address in the decoder's representation (IPv4 in the low 32 bits of lo). */
@FunctionalInterface
public interface AddressPredicate {
    boolean test(int ipVersion, long hi, long lo);
}
