package org.flowmeter.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** pcapng bytes of any shape: packets or a CaptureFormatException, never anything else. */
class PcapNgReaderFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void readsAnyBytesOrFailsCleanly(byte[] capture) {
        CaptureFuzzing.readEverything(CaptureFuzzing.withMagic(capture, CaptureFuzzing.PCAPNG_MAGIC));
    }
}
