package org.flowmeter.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Classic pcap bytes of any shape: the reader returns packets or throws a CaptureFormatException,
 * never anything else, and the decoder takes every packet it returns.
 */
class PcapReaderFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void readsAnyBytesOrFailsCleanly(byte[] capture) {
        CaptureFuzzing.readEverything(CaptureFuzzing.withMagic(capture, CaptureFuzzing.PCAP_MAGIC));
    }
}
