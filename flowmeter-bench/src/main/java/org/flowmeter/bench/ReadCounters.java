package org.flowmeter.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Packets and captured bytes read, which JMH reports as rates next to the files/s score. */
@AuxCounters(AuxCounters.Type.OPERATIONS)
@State(Scope.Thread)
public class ReadCounters {
    public long packets;
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
        packets = 0;
        bytes = 0;
    }
}
