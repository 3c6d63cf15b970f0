package org.flowmeter.cli;

import java.util.Locale;
import org.flowmeter.flow.FlowMeter;
import org.flowmeter.flow.MemoryBudget;

/** The one line printed when the heap ran out although the flow table keeps to its memory cap. */
final class OutOfMemory {
    private OutOfMemory() {
    }

    static String message(FlowMeter meter, long packetsRead, int flowsHeld) {
        MemoryBudget b = meter.memoryBudget();
        return String.format(Locale.ROOT,
                "out of memory after %d packets with %d flows in the table; they were ended and written. "
                        + "Lower --memory-cap (now %d MB, %d bytes per flow) or give Java a larger heap "
                        + "(now %d MB: FLOWMETER_JAVA_OPTS=-Xmx...)",
                packetsRead, flowsHeld, b.capBytes() >> 20, b.bytesPerFlow(), Runtime.getRuntime().maxMemory() >> 20);
    }
}
