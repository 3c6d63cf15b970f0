package org.flowmeter.output;

/**
 * The VLAN ids of a flow as written: {@link org.flowmeter.flow.Flow#vlan} holds the tags nearest
 * the IP header packed (the outer tag's 12-bit id above the inner one's), written as Zeek's
 * {@code vlan} and {@code inner_vlan} are: the outer tag, and the inner one of a double tag (0 without).
 */
public final class VlanIds {
    private static final int ID_BITS = 12;
    private static final int ID_MASK = (1 << ID_BITS) - 1;

    private VlanIds() {
    }

    /** The single tag's id, or the outer one of two; 0 untagged. */
    public static int outer(int packed) {
        return packed > ID_MASK ? (packed >>> ID_BITS) & ID_MASK : packed;
    }

    /** The inner tag's id of two; 0 with one tag or none. */
    public static int inner(int packed) {
        return packed > ID_MASK ? packed & ID_MASK : 0;
    }
}
