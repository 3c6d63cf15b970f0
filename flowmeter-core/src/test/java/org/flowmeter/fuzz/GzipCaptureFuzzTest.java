package org.flowmeter.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** gzip-compressed captures of any shape: damage in the gzip layer is a CaptureFormatException too. */
class GzipCaptureFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void readsAnyBytesOrFailsCleanly(byte[] capture) {
        CaptureFuzzing.readEverything(CaptureFuzzing.withMagic(capture, CaptureFuzzing.GZIP_MAGIC));
    }
}
