package org.flowmeter.flow;

import org.flowmeter.decode.DecodedPacket;

/** A reusable block of decoded packets handed from the reading thread to the flow thread. */
final class DecodedBatch {
    static final int CAPACITY = 2048;
    /** A batch with this size marks the end of the input. */
    static final int END = -1;

    final DecodedPacket[] packets = new DecodedPacket[CAPACITY];
    /** Each packet's flow-table hash, computed on the reading thread, which has time to spare. */
    final int[] hashes = new int[CAPACITY];
    int size;

    DecodedBatch() {
        for (int i = 0; i < CAPACITY; i++) {
            packets[i] = new DecodedPacket();
        }
    }
}
